package se.legitimera.oob.server;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a posted proof: completed, or refused with the reason for the host's log and the error and
 * hint codes for the client.
 */
public sealed interface Verdict {

    /** The proof was accepted and completed the order. */
    record Completed(OrderRecord order) implements Verdict {
        public Completed {
            if (order.completion().isEmpty()) {
                throw new IllegalArgumentException("a completed verdict needs a complete order");
            }
        }

        public Completion completion() {
            return order.completion().orElseThrow();
        }
    }

    /**
     * The proof was refused.
     *
     * @param refusal what was wrong: one exception class per failure, its message the reason for the log
     * @param order   the order as it is after the refusal (failed with certificateErr, or still pending), when
     *                the token named one
     */
    record Refused(OobServerException refusal, Optional<OrderRecord> order) implements Verdict {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(order, "order");
        }

        /** Why, in words for the log (no secrets, no personal identity numbers). */
        public String reason() {
            return refusal.getMessage();
        }

        public ErrorCode errorCode() {
            return refusal.errorCode();
        }

        public Optional<HintCode> hintCode() {
            return refusal.hintCode();
        }
    }
}
