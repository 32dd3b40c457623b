package se.legitimera.smartcard.pcsc;

import javax.smartcardio.CardNotPresentException;
import se.legitimera.smartcard.api.CardCommunicationException;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.ReaderBusyException;
import se.legitimera.smartcard.api.RetriableCardException;
import se.legitimera.smartcard.api.ServiceUnavailableException;

/**
 * Turns a javax.smartcardio failure into one of ours by the PC/SC error name in its messages (SunPCSC
 * and jnasmartcardio both name the SCARD_ code there).
 */
enum PcscFailure {
    REMOVED("SCARD_W_REMOVED_CARD", "SCARD_W_RESET_CARD", "SCARD_E_NO_SMARTCARD", "SCARD_W_UNPOWERED_CARD"),
    SERVICE("SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_F_COMM_ERROR", "SCARD_E_INVALID_HANDLE"),
    READER("SCARD_E_UNKNOWN_READER", "SCARD_E_READER_UNAVAILABLE", "SCARD_E_NO_READERS_AVAILABLE"),
    BUSY("SCARD_E_SHARING_VIOLATION"),
    OTHER();

    private final String[] codes;

    PcscFailure(String... codes) {
        this.codes = codes;
    }

    static PcscFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CardNotPresentException) {
                return REMOVED;
            }
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            for (PcscFailure kind : values()) {
                for (String code : kind.codes) {
                    if (message.contains(code)) {
                        return kind;
                    }
                }
            }
        }
        return OTHER;
    }

    /** Our exception for a failure while a card was in use: removal counts as {@link CardRemovedException}. */
    static RetriableCardException duringUse(String what, Throwable failure) {
        return switch (of(failure)) {
            case REMOVED -> new CardRemovedException(what + ": card removed", failure);
            case SERVICE -> new ServiceUnavailableException(what + ": PC/SC service gone", failure);
            case READER -> new NoReaderException(what + ": reader gone", failure);
            case BUSY -> new ReaderBusyException(what + ": another program holds the card", failure);
            case OTHER -> new CardCommunicationException(what + ": " + rootMessage(failure), failure);
        };
    }

    /** As {@link #duringUse}, but before anything was sent: removal means there is no card. */
    static RetriableCardException beforeUse(String what, Throwable failure) {
        return of(failure) == REMOVED ? new NoCardException(what + ": no card", failure) : duringUse(what, failure);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
