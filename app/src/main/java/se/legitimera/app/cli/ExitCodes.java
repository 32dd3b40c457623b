package se.legitimera.app.cli;

/**
 * Exit codes of the CLI commands; {@link LegitimeraCommand}'s help lists them. Scripts rely on them:
 * never renumber.
 */
final class ExitCodes {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;
    static final int WRONG_PIN = 3;
    static final int BLOCKED = 4;
    static final int NO_CARD = 5;
    static final int UNSUPPORTED = 6;
    static final int SERVICE_DOWN = 7;
    static final int PIN_RULES = 8;
    static final int CANCELLED = 9;
    static final int CARD_UNREACHABLE = 10;

    private ExitCodes() {
    }
}
