package se.legitimera.smartcard.tls;

/** The JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki missing) or it refused the module/slot. */
public final class ProviderUnavailableException extends TlsBridgeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
