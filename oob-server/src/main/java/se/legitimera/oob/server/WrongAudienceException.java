package se.legitimera.oob.server;

/** The {@code aud} claim is not this service's URL. */
public final class WrongAudienceException extends ProofRefusedException {

    public WrongAudienceException(String message) {
        super(message);
    }

    public WrongAudienceException(String message, Throwable cause) {
        super(message, cause);
    }
}
