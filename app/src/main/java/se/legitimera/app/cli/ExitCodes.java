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

/**
 * The one table of exit codes of every CLI command; {@link LegitimeraCommand}'s help lists them all.
 * Scripts rely on them: never renumber.
 */
final class ExitCodes {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;
    static final int WRONG_PIN = 3;
    static final int BLOCKED = 4;
    /** No reader, card, token, module or matching certificate; also a card removed during the operation. */
    static final int NO_CARD = 5;
    static final int UNSUPPORTED = 6;
    static final int SERVICE_DOWN = 7;
    static final int PIN_RULES = 8;
    static final int CANCELLED = 9;
    static final int CARD_UNREACHABLE = 10;
    static final int APP_UNREACHABLE = 11;
    static final int TUNNEL_NOT_OPENED = 12;
    static final int UNKNOWN_TUNNEL = 13;
    /** Refused before anything was sent: service not allowed, TLS interception, untrusted service, forged order. */
    static final int SERVICE_REFUSED = 14;
    /** The login order failed: expired, cancelled, unknown, or the proof was refused. */
    static final int ORDER_FAILED = 15;
    // 16 and 17 end the tray app when it cannot show windows: launcher.WindowToolkitProblem.

    private ExitCodes() {
    }

    static int of(Pkcs11Exception e) {
        return switch (e) {
            case PinBlockedException b -> BLOCKED;
            case WrongPukException p -> p.triesLeft().orElse(-1) == 0 ? BLOCKED : WRONG_PIN;
            case PinException p -> WRONG_PIN;
            case TokenRemovedException r -> NO_CARD;
            case KeyNotFoundException k -> NO_CARD;
            case ModuleLoadException m -> NO_CARD;
            case MechanismNotSupportedException m -> UNSUPPORTED;
            case UnblockNotSupportedException u -> UNSUPPORTED;
            default -> UNEXPECTED;
        };
    }
}
