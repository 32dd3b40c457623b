package se.legitimera.smartcard.tls;

/** The user cancelled the PIN prompt. */
public final class LoginCancelledException extends TlsBridgeException {

    public LoginCancelledException() {
        super("PIN entry cancelled", null);
    }
}
