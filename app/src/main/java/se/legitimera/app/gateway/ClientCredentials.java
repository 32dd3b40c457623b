package se.legitimera.app.gateway;

import javax.net.ssl.X509KeyManager;

/**
 * The card's identification certificate and key, as TLS client credentials.
 *
 * <p>The integrator adapts the smartcard module's SunPKCS11 bridge to this interface; tests use software
 * keys. The gateway calls {@link #unlock} when a tunnel first needs the card and again after
 * {@link Tunnel#cardRemoved()}; between the two it reuses the returned key manager, so the user types the
 * PIN once per card insertion and the card signs once per TLS session.
 */
@FunctionalInterface
public interface ClientCredentials {

    /**
     * Logs in to the card, asking {@code prompt} for the PIN with {@code request} if the card needs one,
     * and returns a key manager that offers the identification certificate and signs with its key.
     * Blocks for card I/O and for the user. Wipes the PIN before returning.
     *
     * @throws CardMissingException when there is no card or no identification certificate on it
     * @throws PinRefusedException when the card refused the PIN
     * @throws PinCancelledException when the user gave no PIN
     */
    X509KeyManager unlock(PinPrompt prompt, PinRequest request)
            throws CardMissingException, PinRefusedException, PinCancelledException;
}
