package se.legitimera.oob.server;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import se.legitimera.smartcard.cert.PersonalIdentityNumber;

/**
 * What the service learnt from an accepted proof: the holder and the evidence.
 *
 * @param hsaId                  the holder's HSA-id (subject serialNumber of the certificate)
 * @param name                   the holder's name (subject CN)
 * @param personalIdentityNumber present only if the certificate carries one; masks itself in {@code toString}
 * @param trustLevel             the trust level (1..4) read from the certificate's policy OIDs, if the table knows one
 * @param chain                  the validated path, identification certificate first, root last
 * @param proof                  the proof JWS exactly as posted
 * @param signedAt               when the service accepted the proof
 */
public record Completion(String hsaId, String name, Optional<PersonalIdentityNumber> personalIdentityNumber,
                         OptionalInt trustLevel, List<X509Certificate> chain, String proof, Instant signedAt) {

    public Completion {
        Objects.requireNonNull(hsaId, "hsaId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(personalIdentityNumber, "personalIdentityNumber");
        Objects.requireNonNull(trustLevel, "trustLevel");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a completion needs the holder's certificate");
        }
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(signedAt, "signedAt");
    }

    /** The identification certificate that signed the proof. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** Without the proof and certificates (the subject may hold a personal identity number). */
    @Override
    public String toString() {
        return "Completion[" + hsaId + ", trust level " + trustLevel + ", signed at " + signedAt + "]";
    }
}
