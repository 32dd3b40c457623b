package se.legitimera.oob.server;

/** The proof does not sign the order's challenge. */
public final class WrongChallengeException extends ProofRefusedException {

    public WrongChallengeException(String message) {
        super(message);
    }

    public WrongChallengeException(String message, Throwable cause) {
        super(message, cause);
    }
}
