package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** {@link OcspTransport} over java.net.http. */
final class HttpOcspTransport implements OcspTransport {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public byte[] post(URI responder, byte[] request, Duration timeout) throws IOException {
        HttpRequest http = HttpRequest.newBuilder(responder).timeout(timeout)
                .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        try {
            HttpResponse<byte[]> response = client.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray())
                    .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
            if (response.statusCode() != 200) {
                throw new IOException("OCSP responder answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.TimeoutException) {
                throw new HttpTimeoutException("OCSP request timed out after " + timeout);
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }
}
