package se.legitimera.app.tray;

/** What the tray icon tells at a glance: its picture and the tooltip's words. */
public enum TrayState {
    STARTING(TrayIconImage.Tone.IDLE, false, "tray.state.starting"),
    NO_SERVICE(TrayIconImage.Tone.ERROR, false, "tray.state.noService"),
    NO_READER(TrayIconImage.Tone.IDLE, false, "tray.state.noReader"),
    NO_CARD(TrayIconImage.Tone.IDLE, false, "tray.state.noCard"),
    CARD_READY(TrayIconImage.Tone.READY, false, "tray.state.cardReady"),
    /** The card is ready and the app waits for logins addressed to its holder (a poll session is open). */
    WAITING_FOR_LOGINS(TrayIconImage.Tone.READY, false, "tray.state.waitingForLogins"),
    LOGIN_WAITING(TrayIconImage.Tone.ATTENTION, true, "tray.state.loginWaiting"),
    PIN_BLOCKED(TrayIconImage.Tone.ATTENTION, false, "tray.state.pinBlocked"),
    ERROR(TrayIconImage.Tone.ERROR, false, "tray.state.error");

    private final TrayIconImage.Tone tone;
    private final boolean badge;
    private final String tooltipKey;

    TrayState(TrayIconImage.Tone tone, boolean badge, String tooltipKey) {
        this.tone = tone;
        this.badge = badge;
        this.tooltipKey = tooltipKey;
    }

    public TrayIconImage.Tone tone() {
        return tone;
    }

    /** Whether the icon carries a dot that asks for action (a waiting login). */
    public boolean badge() {
        return badge;
    }

    public String tooltipKey() {
        return tooltipKey;
    }
}
