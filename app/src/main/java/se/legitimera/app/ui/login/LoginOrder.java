package se.legitimera.app.ui.login;

import java.time.Instant;
import java.util.Optional;
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

    /**
     * Until when the identification PIN of the card that would sign is kept ({@code pin-cache.minutes}), so
     * that the user need not type it; empty when none is kept.
     */
    Optional<Instant> pinSavedUntil();

    /**
     * As {@link #approve} with the kept PIN; a kept PIN the card refuses is forgotten.
     *
     * @return empty when no PIN is kept for the card any more (expired, another card): nothing was sent
     */
    Optional<Outcome> approveWithSavedPin();

    /** The user asked to forget the kept PIN. */
    void forgetSavedPin();

    /** The user declined: tells the service, best effort (failures are logged, not thrown). */
    void cancel();
}
