package se.legitimera.app.wiring;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the long poll pauses after the service could not be reached: {@code first}, then twice as long
 * each time, never longer than {@code cap}; an answer from the service starts over. Not thread-safe: one
 * poll thread owns one.
 */
public final class PollBackoff {

    /** The app's policy: 2 s, 4 s, 8 s ... at most 2 minutes. */
    public static PollBackoff standard() {
        return new PollBackoff(Duration.ofSeconds(2), Duration.ofMinutes(2));
    }

    private final Duration first;
    private final Duration cap;
    private Duration next;

    public PollBackoff(Duration first, Duration cap) {
        this.first = Objects.requireNonNull(first, "first");
        this.cap = Objects.requireNonNull(cap, "cap");
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= cap, got " + first + " and " + cap);
        }
        this.next = first;
    }

    /** The pause before the next try after a failure; each call doubles the one after, up to the cap. */
    public Duration nextPause() {
        Duration pause = next;
        next = next.compareTo(cap.dividedBy(2)) > 0 ? cap : next.multipliedBy(2);
        return pause;
    }

    /** The service answered: the next failure pauses {@code first} again. */
    public void reset() {
        next = first;
    }
}
