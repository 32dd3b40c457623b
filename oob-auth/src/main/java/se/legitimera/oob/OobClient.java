package se.legitimera.oob;

import java.time.Duration;
import java.util.Optional;

/**
 * The app's side of Legitimera's out-of-band login protocol v1 (docs/oob-protocol.md).
 *
 * <p>Instances are immutable and thread-safe; build one per configuration with {@link #builder()} and share
 * it. Every call checks the service origin against the allowlist before it opens a connection, and every
 * connection checks the pinned keys during the TLS handshake, before any request is written. Reads
 * (order, keys, polls) are retried with backoff; a proof is posted at most once. Calls block the calling
 * thread (never call them on a UI thread) for at most the configured timeouts and retries.
 */
public interface OobClient extends AutoCloseable {

    /** A builder with the defaults: system trust store, system proxy, 5 s connect, 15 s read, 3 attempts. */
    static OobClientBuilder builder() {
        return new OobClientBuilder();
    }

    /**
     * Fetches and verifies the order behind a link: the JWS must be signed by the service's order-signing
     * key, issued by the link's service and not expired.
     *
     * @throws OriginNotAllowedException         the link's service is not allowed (nothing sent)
     * @throws TlsInterceptionDetectedException  the service's key matches none of its pins (nothing sent)
     * @throws OrderSignatureInvalidException    the order is not the service's
     * @throws OrderExpiredException             the order expired
     * @throws OrderNotFoundException, OrderCancelledException, ServiceUnavailableException, ...
     */
    Order fetchOrder(AutoStartLink link) throws OobException;

    /**
     * Signs the proof for {@code order} with the card and posts it once. Nothing is posted when the signer
     * fails; the order then stays pending at the service.
     *
     * @throws ProofSigningException the card could not sign (wrong PIN, blocked, removed, cancelled)
     * @throws OrderExpiredException the order expired before signing; the card was not asked
     * @throws ProofRejectedException the service refused the proof; {@link OobException#hintCode()} says why
     */
    void complete(Order order, ProofSigner signer) throws OobException, ProofSigningException;

    /** Gives up the order; the relying party's collect reports {@code reason}'s hint code. */
    void cancel(Order order, CancelReason reason) throws OobException;

    /**
     * Opens a poll session for orders addressed to the card holder (opt-in VDI way), with one card-signed
     * request.
     */
    PollSession openPollSession(ServiceOrigin service, ProofSigner signer) throws OobException, ProofSigningException;

    /**
     * Long-polls for the next order addressed to the session's holder, for at most {@code wait} (capped by the
     * service at 30 s). A service that cannot hold the request may answer at once, with none and when to ask again.
     *
     * @return the order's link, or none and the service's {@code Retry-After}
     */
    PollAnswer awaitOrder(PollSession session, Duration wait) throws OobException;

    /**
     * Fetches the service's order-signing key set once over the client's own TLS, to tell whether the
     * service can be reached and whether its key matches the pins (the diagnostics report). Sends nothing
     * to a service that is not allowed. Blocks for at most the configured timeouts and retries; never throws.
     */
    ServiceCheck check(ServiceOrigin service);

    /** Closes the connection pool. */
    @Override
    void close();
}
