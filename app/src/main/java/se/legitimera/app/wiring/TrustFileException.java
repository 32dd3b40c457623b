package se.legitimera.app.wiring;

import java.io.IOException;

/** A tunnel's trust file (PEM of extra upstream CAs) cannot be read or holds no certificate. */
public final class TrustFileException extends IOException {

    public TrustFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
