package se.legitimera.devkit.service;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalInt;

/** A card holder whose identification certificate passed the service's checks. */
record VerifiedHolder(String hsaId, String name, Optional<String> personalIdentityNumber, OptionalInt trustLevel,
                      X509Certificate certificate) {
}
