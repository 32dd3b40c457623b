package se.legitimera.app.ui.login;

import se.legitimera.app.ui.common.Outcome;

/**
 * One fetched login order, waiting for the user. Implemented in the composition root over the oob-auth
 * client and the smartcard library. Methods block: they are called on a worker thread.
 */
public interface LoginOrder {

    /** What to show the user. */
    LoginDetails details();

    /**
     * Signs the service's challenge with the card's identification key after verifying {@code pin}, and
     * sends the proof. The caller wipes {@code pin} afterwards.
     *
     * @return {@link Outcome.Done} when the service accepted the proof; {@link Outcome.WrongCode} (PIN) keeps
     *         the order open for another try; {@link Outcome.CodeBlocked}, {@link Outcome.CardRemoved},
     *         {@link Outcome.NoCard}, {@link Outcome.OrderExpired}, {@link Outcome.OrderCancelled},
     *         {@link Outcome.ServiceUntrusted}, {@link Outcome.ServiceUnavailable} or {@link Outcome.Failed}
     *         end it
     */
    Outcome approve(char[] pin);

    /** The user declined: tells the service, best effort (failures are logged, not thrown). */
    void cancel();
}
