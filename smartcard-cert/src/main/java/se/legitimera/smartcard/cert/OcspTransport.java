package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Sends one OCSP request (HTTP POST, application/ocsp-request) and returns the response body. */
@FunctionalInterface
public interface OcspTransport {

    /**
     * @throws IOException on any network failure, timeout or non-200 answer
     */
    byte[] post(URI responder, byte[] request, Duration timeout) throws IOException;

    /** The JDK's HTTP client, no proxy magic beyond the system defaults. */
    static OcspTransport http() {
        return new HttpOcspTransport();
    }
}
