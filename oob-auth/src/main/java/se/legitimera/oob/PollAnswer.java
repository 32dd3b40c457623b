package se.legitimera.oob;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one poll for orders addressed to the card holder brought (protocol section 5).
 *
 * @param order        the order's link, empty when none arrived in time
 * @param askAgainAfter with no order: how long after the start of this poll the service wants the next one (its
 *                     {@code Retry-After}, sent by a service that answers at once rather than hold the request)
 */
public record PollAnswer(Optional<AutoStartLink> order, Optional<Duration> askAgainAfter) {

    public PollAnswer {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(askAgainAfter, "askAgainAfter");
    }

    /** An order arrived. */
    public static PollAnswer of(AutoStartLink link) {
        return new PollAnswer(Optional.of(link), Optional.empty());
    }

    /** No order; the service may have said when to ask again. */
    public static PollAnswer none(Optional<Duration> askAgainAfter) {
        return new PollAnswer(Optional.empty(), askAgainAfter);
    }
}
