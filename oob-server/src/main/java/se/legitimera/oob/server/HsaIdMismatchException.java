package se.legitimera.oob.server;

/** The order is addressed to another HSA-id than the certificate's. */
public final class HsaIdMismatchException extends ProofRefusedException {

    public HsaIdMismatchException(String message) {
        super(message);
    }

    public HsaIdMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
