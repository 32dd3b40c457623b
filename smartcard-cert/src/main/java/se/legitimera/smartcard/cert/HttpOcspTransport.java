package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** {@link OcspTransport} over java.net.http. */
final class HttpOcspTransport implements OcspTransport {

    /** OCSP answers for one certificate are a few KiB; a responder sending more is broken or hostile. */
    private static final long MAX_RESPONSE_BYTES = 256 * 1024;

    @Override
    public byte[] post(URI responder, byte[] request, Duration timeout) throws IOException {
        HttpRequest http = HttpRequest.newBuilder(responder).timeout(timeout)
                .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        return HttpExchanges.send(http, timeout, MAX_RESPONSE_BYTES, "OCSP responder " + responder);
    }
}
