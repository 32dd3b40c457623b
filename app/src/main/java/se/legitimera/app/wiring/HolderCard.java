package se.legitimera.app.wiring;

import java.util.Optional;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.oob.ProofSigner;
import se.legitimera.smartcard.api.PinResult;

/**
 * The active card as a poll session needs it: who it is (for the PIN cache) and a signer over its
 * identification key. Blocking (it reads the card); called on the poll thread.
 */
public interface HolderCard {

    /**
     * The active card as the PIN cache binds a PIN to it; empty without a card.
     *
     * @throws LoginUnavailableException the card holds no identification certificate ({@code NotSupported})
     *                                   or could not be read; the reason says which
     */
    Optional<CardIdentity> identity() throws LoginUnavailableException;

    /**
     * A signer over the active card's identification key that hands the card a copy of {@code pin} when it
     * signs (PIN VERIFY and signature in one card operation); empty without a card.
     *
     * @throws LoginUnavailableException as {@link #identity()}
     */
    Optional<Signer> signer(PinLease pin) throws LoginUnavailableException;

    /** A proof signer that tells afterwards what the card said about the PIN. */
    interface Signer extends ProofSigner {

        /** The card's answer to the PIN; empty when the card was never asked. */
        Optional<PinResult> pinResult();
    }
}
