package se.legitimera.app.ui.common;

import java.util.Optional;

/**
 * How a card operation or a login ended, as the windows need to know it. Adapters in the composition root
 * turn the libraries' typed results into these; {@link OutcomeTexts} alone turns them into words.
 */
public sealed interface Outcome {

    /** Which secret a result is about. */
    enum Code { PIN, PUK }

    /** The operation succeeded. */
    record Done() implements Outcome {
    }

    /** The card refused the PIN or PUK; {@code triesLeft} more attempts remain before it blocks. */
    record WrongCode(Code code, int triesLeft) implements Outcome {
        public WrongCode {
            if (triesLeft < 1) {
                throw new IllegalArgumentException("a wrong code with no tries left is CodeBlocked");
            }
        }
    }

    /** The PIN or PUK is blocked. */
    record CodeBlocked(Code code) implements Outcome {
    }

    /** The card left the reader during the operation (never a wrong PIN). */
    record CardRemoved() implements Outcome {
    }

    /** No card is in any reader. */
    record NoCard() implements Outcome {
    }

    /** The card refused the new code's format (length, characters). */
    record InvalidFormat() implements Outcome {
    }

    /** The card or its driver cannot do this operation. */
    record NotSupported() implements Outcome {
    }

    /** The login order expired before it was approved. */
    record OrderExpired() implements Outcome {
    }

    /** The service does not know the login (it expired long ago, or another app completed it). */
    record OrderUnknown() implements Outcome {
    }

    /** The service or the relying party cancelled the login order. */
    record OrderCancelled() implements Outcome {
    }

    /** What was handed over is not a {@code legitimera://} login link. */
    record LinkInvalid() implements Outcome {
    }

    /** The link names a login service that this computer's settings and policy do not allow; nothing was sent. */
    record ServiceNotAllowed(String service) implements Outcome {
    }

    /** The service's TLS key is not the pinned one: the connection is intercepted. Nothing was sent. */
    record ConnectionIntercepted(String service) implements Outcome {
    }

    /** The service's TLS certificate is not trusted, or its order's signature is not the service's. */
    record ServiceUntrusted() implements Outcome {
    }

    /** The service could not be reached. */
    record ServiceUnavailable() implements Outcome {
    }

    /**
     * The service refused the card's certificate (untrusted issuer, revoked, wrong use or trust level);
     * {@code serviceReason} is the service's own explanation, when it gave one.
     */
    record CertificateRefused(Optional<String> serviceReason) implements Outcome {
    }

    /** The service refused the signed proof for another reason, with its own explanation when it gave one. */
    record ProofRefused(Optional<String> serviceReason) implements Outcome {
    }

    /**
     * The service does not offer waiting for logins addressed to the card holder (it answered the poll
     * session with HTTP 404).
     */
    record PollNotSupported(String service) implements Outcome {
    }

    /**
     * The service no longer knows the poll session (expired, or the service restarted): waiting again needs a
     * new card-signed session, so the PIN once more.
     */
    record PollSessionEnded(String service) implements Outcome {
    }

    /** Anything else; {@code detail} is technical, free of secrets and personal data, shown small. */
    record Failed(String detail) implements Outcome {
    }
}
