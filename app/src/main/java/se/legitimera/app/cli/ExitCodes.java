package se.legitimera.app.cli;

import se.legitimera.smartcard.pkcs11.KeyNotFoundException;
import se.legitimera.smartcard.pkcs11.MechanismNotSupportedException;
import se.legitimera.smartcard.pkcs11.ModuleLoadException;
import se.legitimera.smartcard.pkcs11.PinBlockedException;
import se.legitimera.smartcard.pkcs11.PinException;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.pkcs11.TokenRemovedException;
import se.legitimera.smartcard.pkcs11.UnblockNotSupportedException;
import se.legitimera.smartcard.pkcs11.WrongPukException;

/** The exit codes of the card commands, one per kind of failure, and how failures map to them. */
final class ExitCodes {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;
    static final int WRONG_PIN = 3;
    static final int PIN_BLOCKED = 4;
    static final int NO_TOKEN = 5;
    static final int UNSUPPORTED = 6;
    static final int CARD_REMOVED = 7;

    private ExitCodes() {
    }

    static int of(Pkcs11Exception e) {
        return switch (e) {
            case PinBlockedException b -> PIN_BLOCKED;
            case WrongPukException p -> p.triesLeft().orElse(-1) == 0 ? PIN_BLOCKED : WRONG_PIN;
            case PinException p -> WRONG_PIN;
            case TokenRemovedException r -> CARD_REMOVED;
            case KeyNotFoundException k -> NO_TOKEN;
            case ModuleLoadException m -> NO_TOKEN;
            case MechanismNotSupportedException m -> UNSUPPORTED;
            case UnblockNotSupportedException u -> UNSUPPORTED;
            default -> UNEXPECTED;
        };
    }
}
