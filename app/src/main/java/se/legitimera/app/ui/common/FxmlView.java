package se.legitimera.app.ui.common;

/** Every window of the app: its FXML file, the bundle key of its title, and how it behaves. */
public enum FxmlView {
    MAIN("/fxml/main.fxml", "main.title", false, false),
    PIN_CHANGE("/fxml/pin-change.fxml", "pinChange.title", false, true),
    PUK_UNBLOCK("/fxml/puk-unblock.fxml", "pukUnblock.title", false, true),
    /** Stays above other windows: the user came from a login page and must see it at once. */
    LOGIN_APPROVAL("/fxml/login-approval.fxml", "login.title", true, true),
    ABOUT("/fxml/about.fxml", "about.title", false, false),
    SETTINGS("/fxml/settings.fxml", "settings.title", false, true),
    /** A tunnel's connection waits for the PIN: above other windows, and modal until answered. */
    TUNNEL_PIN("/fxml/tunnel-pin.fxml", "tunnelPin.title", true, true),
    /**
     * The same PIN dialog when the user starts waiting for logins addressed to the card holder (the poll
     * session is signed with the identification key): its own title, the same view model as TUNNEL_PIN.
     */
    WAITING_PIN("/fxml/tunnel-pin.fxml", "waitingPin.title", true, true);

    private final String resource;
    private final String titleKey;
    private final boolean alwaysOnTop;
    private final boolean fitsContent;

    FxmlView(String resource, String titleKey, boolean alwaysOnTop, boolean fitsContent) {
        this.resource = resource;
        this.titleKey = titleKey;
        this.alwaysOnTop = alwaysOnTop;
        this.fitsContent = fitsContent;
    }

    public String resource() {
        return resource;
    }

    public String titleKey() {
        return titleKey;
    }

    public boolean alwaysOnTop() {
        return alwaysOnTop;
    }

    /** Dialogs whose messages come and go: the window follows its content's height. */
    public boolean fitsContent() {
        return fitsContent;
    }

    /** Dialogs that block the app's other windows until answered. */
    public boolean modal() {
        return this == TUNNEL_PIN || this == WAITING_PIN;
    }
}
