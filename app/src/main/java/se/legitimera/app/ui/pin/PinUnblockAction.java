package se.legitimera.app.ui.pin;

import se.legitimera.app.ui.common.Outcome;

/** Unblocks a PIN with the PUK and sets a new PIN. Implemented in the composition root. */
@FunctionalInterface
public interface PinUnblockAction {

    /**
     * Unblocks the PIN. Blocking: called on a worker thread. The caller wipes both arrays afterwards.
     *
     * @return {@link Outcome.Done}, {@link Outcome.WrongCode} (PUK, tries left), {@link Outcome.CodeBlocked}
     *         (PUK), {@link Outcome.CardRemoved}, {@link Outcome.NoCard}, {@link Outcome.InvalidFormat},
     *         {@link Outcome.NotSupported} or {@link Outcome.Failed}
     */
    Outcome unblock(PinRole role, char[] puk, char[] newPin);
}
