package se.legitimera.oob.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.oob.OobException;
import se.legitimera.oob.ServiceCertificateUntrustedException;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.oob.TlsInterceptionDetectedException;

/**
 * JSON over HTTPS to an allowed service, with pinned TLS. Reads are retried with exponential backoff on I/O
 * errors and 502/503/504; {@link #postOnce} never retries. TLS trust and pin failures are never retried.
 */
final class ServiceTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTransport.class);

    /**
     * An answer: the HTTP status and its JSON object (empty for 204); {@code json} false when the body was not
     * JSON; {@code retryAfter} the {@code Retry-After} header's delta-seconds, if it had a usable one.
     */
    record Reply(int status, Map<String, Object> body, boolean json, Optional<Duration> retryAfter) {
    }

    private final CloseableHttpClient http;
    private final CloseableHttpClient oneShot;
    private final ClientConfiguration config;

    ServiceTransport(ClientConfiguration config) throws GeneralSecurityException {
        this.config = config;
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {
            new PinningTrustManager(config.systemTrustStore(), config.trustedCertificates(), config.pins())}, null);
        this.http = newClient(tls, true);
        // Proofs and cancels go out on a fresh connection each: a pooled keep-alive connection can be closed
        // by the server at the moment it is reused, and a request that must not be repeated cannot be retried.
        this.oneShot = newClient(tls, false);
    }

    private CloseableHttpClient newClient(SSLContext tls, boolean keepAlive) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.readTimeout()))
                        // Servers close idle keep-alive connections (the JDK's HttpServer beyond 200 idle ones):
                        // check a pooled connection before reuse; reads are retried if one slips through.
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(1))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(32)
                .build();
        HttpRoutePlanner routes;
        if (config.proxy() != null) {
            routes = new DefaultProxyRoutePlanner(new HttpHost(config.proxy().getHostString(), config.proxy().getPort()));
        } else if (config.proxySelector() != null) {
            routes = new SystemDefaultRoutePlanner(config.proxySelector());
        } else {
            routes = new DefaultRoutePlanner(null);
        }
        var builder = HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(routes)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .setUserAgent("Legitimera-OOB/1");
        if (!keepAlive) {
            builder.setConnectionReuseStrategy((request, response, context) -> false);
        }
        return builder.build();
    }

    /** An idempotent POST (order fetch, poll): retried on transport errors and 502/503/504. */
    Reply postRead(ServiceOrigin origin, String path, Map<String, Object> body, Duration extraWait) throws OobException {
        return withRetries(origin, path, () -> post(http, origin, path, body, extraWait));
    }

    /** A GET (key set): retried like {@link #postRead}. */
    Reply get(ServiceOrigin origin, String path) throws OobException {
        return withRetries(origin, path, () -> {
            HttpGet get = new HttpGet(origin.resolve(path));
            get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(config.readTimeout())).build());
            return execute(http, get);
        });
    }

    /** A POST that must not happen twice (proof, cancel): one attempt, whatever happens. */
    Reply postOnce(ServiceOrigin origin, String path, Map<String, Object> body) throws OobException {
        try {
            return post(oneShot, origin, path, body, Duration.ZERO);
        } catch (IOException e) {
            throw classify(origin, path, e);
        }
    }

    private Reply post(CloseableHttpClient client, ServiceOrigin origin, String path, Map<String, Object> body,
                       Duration extraWait) throws IOException {
        URI uri = origin.resolve(path);
        HttpPost post = new HttpPost(uri);
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(config.readTimeout().plus(extraWait))).build());
        post.setEntity(new StringEntity(JSONObjectUtils.toJSONString(body), ContentType.APPLICATION_JSON));
        return execute(client, post);
    }

    private Reply execute(CloseableHttpClient client, HttpUriRequestBase request) throws IOException {
        return client.execute(request, response -> {
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            Optional<Duration> retryAfter = retryAfter(response.getFirstHeader(HttpHeaders.RETRY_AFTER));
            if (text.isBlank()) {
                return new Reply(response.getCode(), Map.of(), true, retryAfter);
            }
            try {
                return new Reply(response.getCode(), JSONObjectUtils.parse(text), true, retryAfter);
            } catch (ParseException e) {
                return new Reply(response.getCode(), Map.of(), false, retryAfter);
            }
        });
    }

    /** Delta-seconds only (an HTTP-date needs a trusted clock); anything else counts as no header. */
    static Optional<Duration> retryAfter(Header header) {
        if (header == null || !header.getValue().trim().matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.getValue().trim())));
    }

    @FunctionalInterface
    private interface Attempt {
        Reply run() throws IOException;
    }

    private Reply withRetries(ServiceOrigin origin, String path, Attempt attempt) throws OobException {
        Duration backoff = config.initialBackoff();
        OobException last = null;
        for (int i = 1; i <= config.readAttempts(); i++) {
            try {
                Reply reply = attempt.run();
                if (reply.status() != 502 && reply.status() != 503 && reply.status() != 504) {
                    return reply;
                }
                last = new ServiceUnavailableException(origin + path + " answered HTTP " + reply.status());
            } catch (IOException e) {
                OobException failure = classify(origin, path, e);
                if (!(failure instanceof ServiceUnavailableException)) {
                    throw failure;
                }
                last = failure;
            }
            if (i < config.readAttempts()) {
                LOG.debug("{}{} failed ({}), retry {} in {} ms", origin, path, last.getMessage(), i, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw last;
    }

    private static void sleep(Duration d) throws ServiceUnavailableException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting to retry", null, e);
        }
    }

    private static OobException classify(ServiceOrigin origin, String path, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PinningTrustManager.PinMismatchException) {
                LOG.warn("TLS interception detected at {}: {}", origin, t.getMessage());
                return new TlsInterceptionDetectedException("TLS interception detected: " + t.getMessage(), null, e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException && e instanceof SSLException) {
                return new ServiceCertificateUntrustedException(origin + " is not trusted: " + t.getMessage(), null, e);
            }
        }
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new ServiceUnavailableException("interrupted", null, e);
        }
        return new ServiceUnavailableException(origin + path + " unreachable: " + e, null, e);
    }

    @Override
    public void close() {
        try {
            http.close();
            oneShot.close();
        } catch (IOException e) {
            LOG.debug("closing the HTTP client failed", e);
        }
    }
}
