package se.legitimera.devkit.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import se.legitimera.smartcard.api.CardEvent;

/** Collects monitor events and waits for them; shared by the devkit's monitor tests. */
public final class EventLog implements Consumer<CardEvent> {

    private final List<CardEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(CardEvent event) {
        events.add(event);
        notifyAll();
    }

    public synchronized List<CardEvent> all() {
        return List.copyOf(events);
    }

    public synchronized void clear() {
        events.clear();
    }

    /** The first collected event of this type that satisfies the test; fails after the timeout. */
    public synchronized <T extends CardEvent> T await(Class<T> type, Predicate<T> test, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (CardEvent event : events) {
                if (type.isInstance(event) && test.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; events: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
