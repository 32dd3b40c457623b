package se.legitimera.oob;

import java.util.Optional;

/**
 * The service refused the signed proof (untrusted, revoked or expired certificate, wrong trust level, replay);
 * {@link #hintCode()} says why in a code, {@link #serviceDetails()} in the service's own words.
 */
public final class ProofRejectedException extends OobException {

    /** Longer explanations are cut: the text is the service's, shown to the user in a dialog or a terminal. */
    static final int MAX_DETAILS = 300;

    private final String serviceDetails;

    public ProofRejectedException(String message) {
        this(message, null, null);
    }

    public ProofRejectedException(String message, HintCode hintCode, Throwable cause) {
        this(message, hintCode, null, cause);
    }

    /**
     * @param serviceDetails the {@code details} of the service's error answer (English, human-readable), or null;
     *                       control characters are dropped and it is cut to a sentence-sized length
     */
    public ProofRejectedException(String message, HintCode hintCode, String serviceDetails, Throwable cause) {
        super(message, hintCode, cause);
        this.serviceDetails = serviceDetails == null ? null : printable(serviceDetails);
    }

    /** Why the service refused the proof, in its own words, when it said. */
    public Optional<String> serviceDetails() {
        return Optional.ofNullable(serviceDetails).filter(d -> !d.isBlank());
    }

    private static String printable(String text) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return clean.length() <= MAX_DETAILS ? clean : clean.substring(0, MAX_DETAILS - 1) + "\u2026";
    }
}
