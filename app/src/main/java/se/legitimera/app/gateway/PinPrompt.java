package se.legitimera.app.gateway;

/**
 * Asks the user for the card's identification PIN ("legitimeringskod").
 *
 * <p>Called on a gateway (virtual) thread, never on a UI thread; the call blocks until the user answers.
 * The gateway asks at most once at a time per tunnel. Implementations: the app's PIN dialog, the CLI's
 * console or standard input, a PIN cache in front of either.
 */
@FunctionalInterface
public interface PinPrompt {

    /**
     * Returns the PIN. The caller owns the array and wipes it after use.
     *
     * @throws PinCancelledException when the user cancels or no PIN can be had
     */
    char[] askForPin(PinRequest request) throws PinCancelledException;
}
