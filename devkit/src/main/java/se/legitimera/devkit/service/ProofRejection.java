package se.legitimera.devkit.service;

import se.legitimera.oob.HintCode;

/**
 * A proof or signed request the service refuses. {@code failsOrder} says whether the order fails with the
 * hint code (a bad certificate) or stays pending (a proof that is not the holder's, e.g. a replay).
 */
final class ProofRejection extends Exception {

    private final HintCode hint;
    private final boolean failsOrder;

    ProofRejection(String message, HintCode hint, boolean failsOrder) {
        super(message);
        this.hint = hint;
        this.failsOrder = failsOrder;
    }

    HintCode hint() {
        return hint;
    }

    boolean failsOrder() {
        return failsOrder;
    }
}
