package se.legitimera.devkit.pki;

/** The test PKI could not read or write its folder, or could not build a certificate. */
public final class TestPkiException extends RuntimeException {

    public TestPkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
