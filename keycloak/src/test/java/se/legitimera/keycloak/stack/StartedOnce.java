package se.legitimera.keycloak.stack;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.opentest4j.TestAbortedException;

/**
 * A server that one test run shares: started on first use, handed to {@code reuse} on every later one. A start
 * that failed is not tried again: every later use fails at once, naming the first failure, instead of each
 * test class waiting for the same start to fail. A skip (the stack is missing) is not remembered.
 */
final class StartedOnce<T> {

    private final String what;
    private final Supplier<T> start;
    private final Consumer<T> reuse;
    private T started;
    private Throwable failure;

    StartedOnce(String what, Supplier<T> start, Consumer<T> reuse) {
        this.what = what;
        this.start = start;
        this.reuse = reuse;
    }

    synchronized T get() {
        if (failure != null) {
            throw new AssertionError(what + " did not start earlier in this run: " + failure.getMessage(), failure);
        }
        try {
            if (started == null) {
                started = start.get();
            } else {
                reuse.accept(started);
            }
        } catch (RuntimeException | AssertionError e) {
            if (!(e instanceof TestAbortedException)) {
                failure = e;
            }
            throw e;
        }
        return started;
    }

    /** The started server, now forgotten (the caller stops it); empty when none was started. */
    synchronized Optional<T> forget() {
        Optional<T> forgotten = Optional.ofNullable(started);
        started = null;
        return forgotten;
    }
}
