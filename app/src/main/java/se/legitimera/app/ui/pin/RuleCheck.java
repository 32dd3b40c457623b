package se.legitimera.app.ui.pin;

/**
 * One rule for a new code, in words, and whether what the user has typed so far meets it.
 *
 * @param text  the rule as the user reads it, e.g. "6 till 8 siffror"
 * @param state whether it is met
 */
public record RuleCheck(String text, State state) {

    /** Where the user stands with a rule. */
    public enum State {
        /** Nothing typed yet that the rule could judge. */
        PENDING,
        MET,
        BROKEN
    }
}
