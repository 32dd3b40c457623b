package se.legitimera.oob;

import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ProofSigner} over a software key, counting its signatures; can be told to fail. */
final class SoftwareProofSigner implements ProofSigner {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final ProofSigningException failure;
    final AtomicInteger signatures = new AtomicInteger();

    SoftwareProofSigner(PrivateKey key, List<X509Certificate> chain, ProofSigningException failure) {
        this.key = key;
        this.chain = chain;
        this.failure = failure;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException {
        if (failure != null) {
            throw failure;
        }
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName());
            if (algorithm == ProofAlgorithm.PS256) {
                signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            signature.initSign(key);
            signature.update(signingInput);
            signatures.incrementAndGet();
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR, -1, e.getMessage(), e);
        }
    }
}
