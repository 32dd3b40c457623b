package se.legitimera.smartcard.pcsc;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;

/**
 * Where readers come from: opens a fresh view of the PC/SC service each time it is called.
 *
 * <p>The monitor calls {@link #open()} at start and again after every failure, so a source that
 * opens a new PC/SC context per call recovers from a service restart. Called on the monitor thread.
 */
@FunctionalInterface
public interface TerminalSource {

    /**
     * Opens the readers. The monitor closes the result (when it is {@link AutoCloseable}) once it fails.
     *
     * @throws CardException when the service cannot be reached
     */
    CardTerminals open() throws CardException;

    /**
     * The system's PC/SC service (pcscd, WinSCard, CryptoTokenKit) through jnasmartcardio over JNA:
     * every call establishes a new PC/SC context, so it recovers when the service restarts. (The JDK's
     * SunPCSC keeps one context per JVM and never recovers.)
     *
     * <p>Calls jnasmartcardio's factory directly, not through {@link TerminalFactory}: that class's static
     * initializer looks up the JDK's default PC/SC factory among the security providers, and the JDK finds
     * SunPCSC by instantiating every provider on the module path first (Bouncy Castle's, ~2900 services
     * kept for the life of the JVM), which an idle tray app does not need.
     */
    static TerminalSource pcsc() {
        return () -> {
            try {
                // (Object) picks the constructor that loads the PC/SC library; the other takes a loaded one.
                return new Smartcardio.JnaTerminalFactorySpi((Object) null).engineTerminals();
            } catch (LinkageError e) {
                // No PC/SC library to load (JNA's UnsatisfiedLinkError).
                throw new CardException("jnasmartcardio provider unusable", e);
            } catch (RuntimeException e) {
                // jnasmartcardio reports a failed SCardEstablishContext (service down) unchecked.
                throw new CardException(e.getMessage(), e);
            }
        };
    }

    /** Any javax.smartcardio factory, e.g. an in-JVM virtual card for tests and the demo. */
    static TerminalSource of(TerminalFactory factory) {
        return factory::terminals;
    }
}
