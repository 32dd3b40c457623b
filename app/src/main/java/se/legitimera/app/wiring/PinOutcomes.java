package se.legitimera.app.wiring;

import se.legitimera.app.ui.common.Outcome;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.ReaderBusyException;
import se.legitimera.smartcard.api.ServiceUnavailableException;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.UnexpectedResponseException;
import se.legitimera.smartcard.api.UnsupportedCardException;

/**
 * The one table from the smartcard library's PIN results and failures to the windows' {@link Outcome}. A card
 * removed during an operation is never a wrong PIN; a wrong code with no tries left is a blocked one.
 */
public final class PinOutcomes {

    private PinOutcomes() {
    }

    /** What a PIN operation's result means to the user. */
    public static Outcome of(PinResult result) {
        return switch (result.status()) {
            case OK -> new Outcome.Done();
            case WRONG_PIN -> wrong(Outcome.Code.PIN, result);
            case WRONG_PUK -> wrong(Outcome.Code.PUK, result);
            case PIN_BLOCKED -> new Outcome.CodeBlocked(Outcome.Code.PIN);
            case PUK_BLOCKED -> new Outcome.CodeBlocked(Outcome.Code.PUK);
            case INVALID_FORMAT -> new Outcome.InvalidFormat();
            case CARD_REMOVED -> new Outcome.CardRemoved();
            case NOT_SUPPORTED -> new Outcome.NotSupported();
        };
    }

    /** What a failure to reach or use the card means to the user; the detail holds no secret. */
    public static Outcome of(SmartcardException failure) {
        return switch (failure) {
            case NoCardException e -> new Outcome.NoCard();
            case NoReaderException e -> new Outcome.NoCard();
            case CardRemovedException e -> new Outcome.CardRemoved();
            case UnsupportedCardException e -> new Outcome.NotSupported();
            case ServiceUnavailableException e -> new Outcome.Failed("PC/SC service unavailable");
            case ReaderBusyException e -> new Outcome.Failed("the card is in use by another program");
            case UnexpectedResponseException e -> new Outcome.Failed(
                    String.format("card answered %04X", e.statusWord()));
            default -> new Outcome.Failed(failure.getClass().getSimpleName());
        };
    }

    private static Outcome wrong(Outcome.Code code, PinResult result) {
        if (result.triesLeft().isEmpty()) {
            // IDPrime cards always tell (63Cx); a card that does not is not guessed at.
            return new Outcome.Failed("wrong " + code + ", tries left unknown");
        }
        int left = result.triesLeft().getAsInt();
        return left == 0 ? new Outcome.CodeBlocked(code) : new Outcome.WrongCode(code, left);
    }
}
