package se.legitimera.oob.demo;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.smartcardio.TerminalFactory;

/**
 * A running demo: a virtual SITHS card in virtual readers and a reference authentication service on
 * loopback, so the whole login flow can be tried without a card. Provided by the devkit through
 * {@link DemoEnvironmentFactory}; installers do not contain it.
 *
 * <p>Thread-safe. {@link #close()} stops the service and removes the card.
 */
public interface DemoEnvironment extends AutoCloseable {

    /** Readers that hold the virtual card; the app's card monitor watches these instead of PC/SC. */
    TerminalFactory terminals();

    /** The reference service's origin, e.g. {@code https://127.0.0.1:8443}, to allow for this run. */
    URI serviceOrigin();

    /** The certificates that the service's TLS chains to, to trust for this run. */
    List<X509Certificate> serviceTrust();

    /** The CA certificates that issued the virtual card's certificates, sent with the card's proof. */
    List<X509Certificate> cardIssuers();

    /**
     * The certificate policy OIDs of the demo's test PKI and the trust level (2 or 3) each stands for, so
     * that the app shows the virtual card's level as it would a real card's.
     */
    Map<String, Integer> trustLevelPolicies();

    /** The demo relying party's login page, to open in the browser. */
    URI loginPage();

    /** The virtual card's PINs and PUK as a newcomer needs them, e.g. "PIN 123456 (Legitimering) ...". */
    String cardSecretsForDisplay();

    @Override
    void close();
}
