package se.legitimera.devkit.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the service learnt from an accepted proof: the holder and the evidence.
 *
 * @param hsaId                  the holder's HSA-id (subject serialNumber of the certificate)
 * @param name                   the holder's name (subject CN)
 * @param personalIdentityNumber present only if the certificate carries one
 * @param trustLevel             the trust level read from the certificate's policy OIDs, if known
 * @param certificate            the identification certificate that signed the proof
 * @param proof                  the proof JWS exactly as posted
 * @param signedAt               when the service accepted the proof
 */
public record Completion(String hsaId, String name, Optional<String> personalIdentityNumber, OptionalInt trustLevel,
                         X509Certificate certificate, String proof, Instant signedAt) {
}
