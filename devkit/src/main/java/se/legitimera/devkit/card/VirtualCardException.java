package se.legitimera.devkit.card;

/** The virtual card could not be created, loaded or saved. */
public final class VirtualCardException extends RuntimeException {

    public VirtualCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
