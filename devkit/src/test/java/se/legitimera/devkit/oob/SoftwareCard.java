package se.legitimera.devkit.oob;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;

/**
 * A card double for the stack tests: an identification key behind a PIN with three tries, as the
 * smartcard module's signer will behave (wrong PIN -> tries left, third wrong -> blocked). Counts signatures.
 */
final class SoftwareCard {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final char[] pin;
    private int triesLeft = 3;
    final AtomicInteger signatures = new AtomicInteger();

    SoftwareCard(PrivateKey key, List<X509Certificate> chain, String pin) {
        this.key = key;
        this.chain = chain;
        this.pin = pin.toCharArray();
    }

    /** The identification certificate. */
    X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The signer for one attempt with {@code typed}; the PIN is checked when the card is asked to sign. */
    ProofSigner withPin(char[] typed) {
        char[] copy = typed.clone();
        return new ProofSigner() {
            @Override
            public List<X509Certificate> certificateChain() {
                return chain;
            }

            @Override
            public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException {
                try {
                    verify(copy);
                    Signature signature = Signature.getInstance(algorithm.jcaName());
                    signature.initSign(key);
                    signature.update(signingInput);
                    signatures.incrementAndGet();
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR, -1, e.getMessage(), e);
                } finally {
                    Arrays.fill(copy, '\0');
                }
            }
        };
    }

    private synchronized void verify(char[] typed) throws ProofSigningException {
        if (triesLeft == 0) {
            throw new ProofSigningException(ProofSigningException.Reason.PIN_BLOCKED, 0, "PIN blocked", null);
        }
        if (!Arrays.equals(typed, pin)) {
            triesLeft--;
            throw triesLeft == 0
                    ? new ProofSigningException(ProofSigningException.Reason.PIN_BLOCKED, 0, "PIN blocked", null)
                    : new ProofSigningException(ProofSigningException.Reason.WRONG_PIN, triesLeft, "wrong PIN", null);
        }
        triesLeft = 3;
    }
}
