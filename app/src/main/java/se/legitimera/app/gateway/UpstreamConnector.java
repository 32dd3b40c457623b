package se.legitimera.app.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and pools TLS connections to one upstream with the card's credentials.
 *
 * <p>One login of the card (one PIN entry) gives one {@link SSLContext}, whose client session cache lets
 * later connections resume the TLS session instead of asking the card to sign again. Logins happen one at
 * a time: connections that arrive while the PIN prompt is open wait for it and share its outcome, so a
 * page with twenty images never opens twenty prompts.
 */
final class UpstreamConnector {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnector.class);

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 120_000;
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private static final int MAX_IDLE = 32;
    /** TLS alerts with which a server says it did not accept the client certificate. */
    private static final List<String> CERTIFICATE_ALERTS = List.of("bad_certificate", "certificate_required",
            "unknown_ca", "certificate_unknown", "unsupported_certificate", "certificate_revoked",
            "certificate_expired", "access_denied", "handshake_failure");

    /** One card login: the key manager and the TLS context built on it. */
    private record Login(SSLContext context, CountingKeyManager keyManager) {
    }

    private final String tunnelName;
    private final String host;
    private final int port;
    private final TunnelMode mode;
    private final ClientCredentials credentials;
    private final PinPrompt prompt;
    private final UpstreamTrust trust;
    private final Clock clock;

    private final ReentrantLock loginLock = new ReentrantLock();
    private volatile Login login;
    private volatile boolean closed;
    /** Login attempts finished; written under loginLock. */
    private volatile long attemptsDone;
    /** Guarded by loginLock. */
    private GatewayException lastFailure;
    private volatile boolean lastPinRefused;
    private volatile OptionalInt triesLeft = OptionalInt.empty();

    private final Set<UpstreamConnection> open = ConcurrentHashMap.newKeySet();
    private final Deque<UpstreamConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicLong keyUses = new AtomicLong();
    private final AtomicLong certificateRequests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    UpstreamConnector(String tunnelName, String host, int port, TunnelMode mode, ClientCredentials credentials,
            PinPrompt prompt, UpstreamTrust trust, Clock clock) {
        this.tunnelName = tunnelName;
        this.host = host;
        this.port = port;
        this.mode = mode;
        this.credentials = credentials;
        this.prompt = prompt;
        this.trust = trust;
        this.clock = clock;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    long keyUses() {
        return keyUses.get();
    }

    long connections() {
        return connections.get();
    }

    /** A pooled connection of the current login if one is idle, else a new one. */
    UpstreamConnection acquire() throws GatewayException {
        Instant now = clock.instant();
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            if (c.login == login && !c.socket.isClosed() && c.idleSince.plus(IDLE_LIMIT).isAfter(now)) {
                c.reused = true;
                return c;
            }
            discard(c);
        }
        return connect();
    }

    /** A new connection (full or resumed handshake), never from the pool. */
    UpstreamConnection connect() throws GatewayException {
        Login current = login();
        Socket raw = new Socket();
        SSLSocket tls = null;
        UpstreamConnection connection = null;
        long signaturesBefore = keyUses.get();
        long requestsBefore = certificateRequests.get();
        try {
            raw.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            raw.setTcpNoDelay(true);
            raw.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            // host and port name the session cache entry, which is what makes resumption work
            tls = (SSLSocket) current.context().getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            if (!isIpLiteral(host)) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            if (mode == TunnelMode.HTTP) {
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
            }
            tls.setSSLParameters(parameters);
            long started = System.nanoTime();
            tls.startHandshake();
            connection = new UpstreamConnection(tls, current);
            open.add(connection);
            connections.incrementAndGet();
            if (cardAsked(signaturesBefore, requestsBefore) && "TLSv1.3".equals(tls.getSession().getProtocol())) {
                awaitVerdict(connection, Duration.ofNanos(System.nanoTime() - started));
            }
            tls.setSoTimeout(READ_TIMEOUT_MILLIS);
            if (login != current || closed) {
                discard(connection);
                throw new CardMissingException("The card was removed while connecting");
            }
            return connection;
        } catch (IOException e) {
            if (connection != null) {
                discard(connection);
            } else {
                closeQuietly(tls != null ? tls : raw);
            }
            if (connection == null && !(e instanceof SSLException) && cardAsked(signaturesBefore, requestsBefore)) {
                // Dropped in the handshake after the server asked for the card: as in awaitVerdict, the reset
                // overtook the server's alert about the card's certificate.
                throw classify(refusedCertificate("reset the connection during the handshake", e));
            }
            throw classify(e);
        }
    }

    /**
     * Whether the server asked for a client certificate in a handshake since these counts: the card signed,
     * or no certificate of the card fit the issuers the server accepts (then none was sent, and the server's
     * refusal comes as late as a refusal of a certificate sent).
     */
    private boolean cardAsked(long signaturesBefore, long requestsBefore) {
        return keyUses.get() != signaturesBefore || certificateRequests.get() != requestsBefore;
    }

    /**
     * In TLS 1.3 the client's handshake ends before the server has looked at the client certificate; a
     * server that refuses it sends its alert afterwards and closes, and a request sent meanwhile gets a
     * connection reset that hides the alert. So after a full handshake (the card signed), wait briefly for
     * the server's first words (its session ticket or its alert) without consuming any application byte.
     */
    private static void awaitVerdict(UpstreamConnection connection, Duration handshake) throws IOException {
        // Generous floor: a loaded server may take several handshake times to judge the certificate, and a
        // verdict missed here is shown as "unreachable". It is paid once per card signature, not per request.
        int wait = (int) Math.clamp(handshake.toMillis() * 4, 500, 3_000);
        connection.socket.setSoTimeout(wait);
        connection.in.mark(1);
        try {
            if (connection.in.read() == -1) {
                throw refusedCertificate("closed the connection", null);
            }
            connection.in.reset();
        } catch (SocketTimeoutException e) {
            // no alert within the wait: the server accepted the certificate
        } catch (SSLException e) {
            throw e; // the server's alert itself: classify() reads it
        } catch (IOException e) {
            // A reset can overtake the alert. The server's only judgement after our Finished is our
            // certificate, so a connection dropped at once means it refused the card.
            throw refusedCertificate("reset the connection", e);
        }
    }

    private static SSLException refusedCertificate(String what, IOException cause) {
        SSLException refused = new SSLException("The upstream " + what + " right after checking the card",
                new UpstreamTrust.UpstreamCertificateException(TunnelFailure.UPSTREAM_REJECTED_CERTIFICATE,
                        new java.security.cert.CertificateException("client certificate refused by the upstream")));
        if (cause != null) {
            refused.addSuppressed(cause);
        }
        return refused;
    }

    /** Returns a connection that finished an exchange cleanly and may carry another. */
    void release(UpstreamConnection connection) {
        connection.idleSince = clock.instant();
        if (connection.login == login && !closed && idle.size() < MAX_IDLE) {
            idle.offerFirst(connection);
        } else {
            discard(connection);
        }
    }

    void discard(UpstreamConnection connection) {
        open.remove(connection);
        connection.close();
    }

    /** See {@link Tunnel#cardRemoved()}. */
    void logOut() {
        Login old = login;
        login = null;
        lastPinRefused = false;
        triesLeft = OptionalInt.empty();
        if (old != null) {
            old.keyManager().revoke();
            SSLSessionContext sessions = old.context().getClientSessionContext();
            for (byte[] id : Collections.list(sessions.getIds())) {
                SSLSession session = sessions.getSession(id);
                if (session != null) {
                    session.invalidate();
                }
            }
            LOG.info("Tunnel {}: logged out of the card, TLS sessions invalidated", tunnelName);
        }
        idle.clear();
        for (UpstreamConnection connection : List.copyOf(open)) {
            discard(connection);
        }
    }

    void close() {
        closed = true;
        logOut();
    }

    private Login login() throws GatewayException {
        Login current = login;
        if (current != null) {
            return current;
        }
        long seen = attemptsDone;
        loginLock.lock();
        try {
            if (closed) {
                throw new CardMissingException("The tunnel is closed");
            }
            if (login != null) {
                return login;
            }
            if (attemptsDone != seen && lastFailure != null) {
                // Another connection asked while this one waited: share its answer, do not ask again.
                throw lastFailure;
            }
            try {
                Login fresh = unlock();
                lastFailure = null;
                lastPinRefused = false;
                triesLeft = OptionalInt.empty();
                login = fresh;
                return fresh;
            } catch (PinRefusedException e) {
                lastPinRefused = true;
                triesLeft = e.triesLeft();
                lastFailure = e;
                throw e;
            } catch (GatewayException e) {
                lastFailure = e;
                throw e;
            } finally {
                attemptsDone++;
            }
        } finally {
            loginLock.unlock();
        }
    }

    private Login unlock() throws GatewayException {
        X509KeyManager card;
        try {
            card = credentials.unlock(prompt, new PinRequest(tunnelName, host, lastPinRefused, triesLeft));
        } catch (RuntimeException e) {
            // A PKCS#11 provider reports a vanished token as a runtime exception.
            throw new CardMissingException("The card could not be used", e);
        }
        if (card == null) {
            throw new CardMissingException("The card gave no key manager");
        }
        CountingKeyManager keyManager = new CountingKeyManager(card, keyUses, certificateRequests);
        if (!keyManager.hasClientKey()) {
            throw new CardMissingException("The card offers no client certificate");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, new TrustManager[] {trust}, null);
            LOG.info("Tunnel {}: unlocked the card for {}", tunnelName, host);
            return new Login(context, keyManager);
        } catch (GeneralSecurityException e) {
            throw new UpstreamException(TunnelFailure.UPSTREAM_TLS_FAILED, "Cannot create the TLS context", e);
        }
    }

    /** Turns an I/O failure with the upstream into the failure the user is shown. */
    static GatewayException classify(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UpstreamTrust.UpstreamCertificateException certificate) {
                return new UpstreamException(certificate.failure(), "Upstream certificate refused", e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("received fatal alert")) {
                    for (String alert : CERTIFICATE_ALERTS) {
                        if (message.contains(alert)) {
                            return new UpstreamException(TunnelFailure.UPSTREAM_REJECTED_CERTIFICATE,
                                    "The upstream did not accept the client certificate (" + alert + ")", e);
                        }
                    }
                }
                return new UpstreamException(TunnelFailure.UPSTREAM_TLS_FAILED, "TLS with the upstream failed", e);
            }
        }
        return new UpstreamException(TunnelFailure.UPSTREAM_UNREACHABLE, "The upstream cannot be reached", e);
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9'));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
