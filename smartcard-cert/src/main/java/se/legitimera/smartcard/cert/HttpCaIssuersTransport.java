package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** {@link CaIssuersTransport} over java.net.http. */
final class HttpCaIssuersTransport implements CaIssuersTransport {

    /** A CA certificate, or a small bundle of them. */
    private static final long MAX_BYTES = 256 * 1024;

    @Override
    public byte[] get(URI location, Duration timeout) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(location).timeout(timeout).GET().build();
        return HttpExchanges.send(request, timeout, MAX_BYTES, "CA issuers location " + location);
    }
}
