package se.legitimera.oob.server;

/** The {@code ver} claim is not a version this service speaks. */
public final class UnsupportedVersionException extends ProofRefusedException {

    public UnsupportedVersionException(String message) {
        super(message);
    }

    public UnsupportedVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
