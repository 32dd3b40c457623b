package se.legitimera.app.gateway;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * A card made of software keys: checks the PIN like a card would (three tries) and then hands out a key
 * manager for the identification certificate. {@link #withoutKey} is a reader with a card that holds no
 * identification certificate.
 */
public final class SoftwareCard implements ClientCredentials {

    private final TestPki.Issued identity;
    private final char[] pin;
    private int triesLeft = 3;
    private final AtomicInteger unlocks = new AtomicInteger();
    private final List<PinRequest> requests = new ArrayList<>();

    public SoftwareCard(TestPki.Issued identity, char[] pin) {
        this.identity = identity;
        this.pin = pin.clone();
    }

    public static SoftwareCard withoutKey() {
        return new SoftwareCard(null, new char[0]);
    }

    @Override
    public synchronized X509KeyManager unlock(PinPrompt prompt, PinRequest request)
            throws PinRefusedException, PinCancelledException, CardMissingException {
        requests.add(request);
        if (identity == null) {
            return emptyKeyManager();
        }
        char[] entered = prompt.askForPin(request);
        try {
            if (triesLeft == 0) {
                throw new PinRefusedException("The PIN is blocked", OptionalInt.of(0));
            }
            if (!Arrays.equals(entered, pin)) {
                triesLeft--;
                throw new PinRefusedException("Wrong PIN", OptionalInt.of(triesLeft));
            }
            triesLeft = 3;
            unlocks.incrementAndGet();
            return identity.keyManager();
        } catch (GeneralSecurityException e) {
            throw new CardMissingException("Software key unusable", e);
        } finally {
            Arrays.fill(entered, '\0');
        }
    }

    public int unlocks() {
        return unlocks.get();
    }

    public synchronized List<PinRequest> requests() {
        return List.copyOf(requests);
    }

    private static X509KeyManager emptyKeyManager() throws CardMissingException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, new char[0]);
            return (X509KeyManager) factory.getKeyManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CardMissingException("Cannot build an empty key manager", e);
        }
    }
}
