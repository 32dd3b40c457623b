package se.legitimera.app.tray;

/**
 * What the app knows that the tray shows: the PC/SC service, readers, the active card, a waiting login and
 * whether the app waits for logins addressed to the card holder.
 *
 * @param serviceKnown     whether the PC/SC service has been asked at all yet
 * @param serviceAvailable whether the PC/SC service answered
 * @param readers          how many readers are connected
 * @param cardPresent      whether a card is in a reader
 * @param cardType         the active card as users know it ("SITHS 940"), empty when none
 * @param pinBlocked       whether the active card's identification PIN is blocked
 * @param cardError        whether the active card could not be read
 * @param loginWaiting     whether a login waits for the user's PIN
 * @param waitingForLogins whether a poll session is open: logins addressed to the card holder reach the app
 */
public record TraySituation(boolean serviceKnown, boolean serviceAvailable, int readers, boolean cardPresent,
                            String cardType, boolean pinBlocked, boolean cardError, boolean loginWaiting,
                            boolean waitingForLogins) {

    /** Before the first look at the PC/SC service. */
    public static final TraySituation STARTING = new TraySituation(false, false, 0, false, "", false, false, false,
            false);

    public TraySituation withService(boolean available, int readerCount) {
        return new TraySituation(true, available, readerCount, available && cardPresent, cardType, pinBlocked,
                cardError, loginWaiting, waitingForLogins);
    }

    public TraySituation withCard(boolean present, String type, boolean blocked, boolean error) {
        return new TraySituation(serviceKnown, serviceAvailable, readers, present, present ? type : "",
                present && blocked, present && error, loginWaiting, waitingForLogins);
    }

    public TraySituation withLoginWaiting(boolean waiting) {
        return new TraySituation(serviceKnown, serviceAvailable, readers, cardPresent, cardType, pinBlocked,
                cardError, waiting, waitingForLogins);
    }

    public TraySituation withWaitingForLogins(boolean waiting) {
        return new TraySituation(serviceKnown, serviceAvailable, readers, cardPresent, cardType, pinBlocked,
                cardError, loginWaiting, waiting);
    }

    /** The one state the icon shows; a waiting login outranks all but a missing PC/SC service. */
    public TrayState state() {
        if (!serviceKnown) {
            return TrayState.STARTING;
        }
        if (!serviceAvailable) {
            return TrayState.NO_SERVICE;
        }
        if (loginWaiting) {
            return TrayState.LOGIN_WAITING;
        }
        if (readers == 0) {
            return TrayState.NO_READER;
        }
        if (!cardPresent) {
            return TrayState.NO_CARD;
        }
        if (cardError) {
            return TrayState.ERROR;
        }
        if (pinBlocked) {
            return TrayState.PIN_BLOCKED;
        }
        return waitingForLogins ? TrayState.WAITING_FOR_LOGINS : TrayState.CARD_READY;
    }
}
