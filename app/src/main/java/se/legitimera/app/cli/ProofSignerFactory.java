package se.legitimera.app.cli;

import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;

/**
 * The seam between {@code legitimera auth} and the card: opens the identification key of the inserted
 * card for one proof, with the PIN the user typed. The composition root wires the smartcard module's
 * signer (PC/SC APDUs or PKCS#11) here; tests wire a software key.
 */
@FunctionalInterface
public interface ProofSignerFactory {

    /**
     * @param pin the identification PIN; the caller wipes it once the proof is posted, so an implementation
     *            must copy what it needs and wipe its copy too, and must never log it
     * @throws ProofSigningException when no card is present or the card cannot be opened
     */
    ProofSigner open(char[] pin) throws ProofSigningException;
}
