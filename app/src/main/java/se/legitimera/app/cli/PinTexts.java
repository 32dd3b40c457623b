package se.legitimera.app.cli;

import se.legitimera.smartcard.api.PinFormat;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.pin.PinPolicyViolation;

/** The CLI's one table from PIN outcomes and rule violations to words. */
final class PinTexts {

    private PinTexts() {
    }

    static String result(PinResult result) {
        String left = result.triesLeft().isPresent() ? result.triesLeft().getAsInt() + " tries left" : "tries left unknown";
        return switch (result.status()) {
            case OK -> "Done.";
            case WRONG_PIN -> "Wrong PIN, " + left + ".";
            case WRONG_PUK -> "Wrong PUK, " + left + ". After the last one the card is blocked for good.";
            case PIN_BLOCKED -> "The PIN is blocked: unblock it with the PUK (legitimera pin unblock).";
            case PUK_BLOCKED -> "The PUK is blocked: the card cannot be unblocked any more. Contact your card issuer.";
            case INVALID_FORMAT -> "The card did not accept the PIN's format; no try was counted.";
            case CARD_REMOVED -> "The card was removed during the operation; try again with the card in the reader.";
            case NOT_SUPPORTED -> "This card does not support the operation.";
        };
    }

    static String violation(PinPolicyViolation violation, PinFormat format) {
        return switch (violation) {
            case EMPTY -> "the PIN is empty";
            case NOT_DIGITS -> "use only the digits 0 to 9";
            case TOO_SHORT -> "use at least " + format.minLength() + " digits";
            case TOO_LONG -> "use at most " + format.maxLength() + " digits";
            case CONFIRMATION_MISMATCH -> "the two new PINs differ";
            case SAME_AS_CURRENT -> "the new PIN is the same as the current one";
            case TRIVIAL_SEQUENCE -> "the new PIN is too easy to guess (one digit repeated, or a run like 123456)";
        };
    }
}
