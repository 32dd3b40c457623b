package se.legitimera.app.ui.pin;

import se.legitimera.app.ui.common.Outcome;

/** Changes a PIN on the active card. Implemented in the composition root over the smartcard library. */
@FunctionalInterface
public interface PinChangeAction {

    /**
     * Changes the PIN. Blocking: called on a worker thread. The caller wipes both arrays afterwards; the
     * implementation must not keep them.
     *
     * @return {@link Outcome.Done}, {@link Outcome.WrongCode} (PIN, tries left), {@link Outcome.CodeBlocked},
     *         {@link Outcome.CardRemoved}, {@link Outcome.NoCard}, {@link Outcome.InvalidFormat},
     *         {@link Outcome.NotSupported} or {@link Outcome.Failed}; never throws for a card's answer
     */
    Outcome change(PinRole role, char[] currentPin, char[] newPin);
}
