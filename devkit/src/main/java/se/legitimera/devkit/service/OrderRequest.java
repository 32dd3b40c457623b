package se.legitimera.devkit.service;

import java.util.Optional;
import java.util.OptionalInt;

/** A relying party's {@code /rp/v1/auth} request after validation. */
public record OrderRequest(String rpName, String rpOrigin, Optional<String> message, Optional<String> hsaId,
                           OptionalInt requestedLoa) {
}
