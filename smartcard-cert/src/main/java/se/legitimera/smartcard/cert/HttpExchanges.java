package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bounded HTTP exchange for OCSP and AIA fetching: the whole exchange (not only the wait for headers)
 * ends within the timeout, the body is capped, redirects are not followed and only 200 counts.
 */
final class HttpExchanges {

    // The default trust, read at the first https exchange only: most AIA and OCSP locations are http.
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(DeferredSystemTrust.context()).build();

    private HttpExchanges() {
    }

    /**
     * @param what names the exchange in exception messages, e.g. "OCSP responder"
     * @throws IOException on a network failure, a timeout, a non-200 answer or a body over {@code maxBytes}
     */
    static byte[] send(HttpRequest request, Duration timeout, long maxBytes, String what) throws IOException {
        try {
            HttpResponse<byte[]> response = CLIENT.sendAsync(request,
                            HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), maxBytes))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
            if (response.statusCode() != 200) {
                throw new IOException(what + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw new HttpTimeoutException(what + " did not answer within " + timeout);
            }
            throw cause instanceof IOException io ? io : new IOException(what + " failed", cause);
        }
    }
}
