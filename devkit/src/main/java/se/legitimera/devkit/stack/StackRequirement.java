package se.legitimera.devkit.stack;

import org.opentest4j.TestAbortedException;

/**
 * What a stack test (*IT) does when a part of the real test stack (pcscd, vpcd, OpenSC, SoftHSM, an X
 * display) is missing: skip with a clear message on a developer's machine, fail in CI, where
 * {@code -Dlegitimera.requireStack=true} says the stack must be complete.
 */
public final class StackRequirement {

    public static final String REQUIRE_PROPERTY = "legitimera.requireStack";

    private StackRequirement() {
    }

    /**
     * Passes when {@code present}; otherwise aborts (skip) or fails the calling test.
     *
     * @param what what is missing and how to get it, e.g. "pcscd (scripts/install-test-stack.sh)"
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = "test stack incomplete: " + what;
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new AssertionError(message + " (required because -D" + REQUIRE_PROPERTY + "=true)");
        }
        throw new TestAbortedException(message + "; skipped (run scripts/install-test-stack.sh, or .ci/run)");
    }
}
