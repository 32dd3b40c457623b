package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Fetches the file at a certificate's AIA caIssuers URL (HTTP GET): DER, PEM or a PKCS#7 bundle. */
@FunctionalInterface
public interface CaIssuersTransport {

    /** @throws IOException on any network failure, timeout, non-200 answer or an oversized body */
    byte[] get(URI location, Duration timeout) throws IOException;

    /** The JDK's HTTP client: no redirects, at most 256 KiB. */
    static CaIssuersTransport http() {
        return new HttpCaIssuersTransport();
    }
}
