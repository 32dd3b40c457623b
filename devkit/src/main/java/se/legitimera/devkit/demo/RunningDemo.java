package se.legitimera.devkit.demo;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.smartcardio.TerminalFactory;
import se.legitimera.devkit.card.CardSecrets;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.oob.demo.DemoEnvironment;

/** A started {@link DevkitDemo}. Thread-safe; {@link #close()} is idempotent. */
final class RunningDemo implements DemoEnvironment {

    private final VirtualReaders readers;
    private final VirtualSithsCard card;
    private final AuthenticationService service;
    private final OcspResponder ocsp;
    private final X509Certificate root;
    private final X509Certificate issuingCa;
    private final URI origin;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningDemo(VirtualReaders readers, VirtualSithsCard card, AuthenticationService service, OcspResponder ocsp,
            X509Certificate root, X509Certificate issuingCa, URI origin) {
        this.readers = readers;
        this.card = card;
        this.service = service;
        this.ocsp = ocsp;
        this.root = root;
        this.issuingCa = issuingCa;
        this.origin = origin;
    }

    @Override
    public TerminalFactory terminals() {
        return readers.terminalFactory();
    }

    @Override
    public URI serviceOrigin() {
        return origin;
    }

    @Override
    public List<X509Certificate> serviceTrust() {
        return List.of(root);
    }

    @Override
    public List<X509Certificate> cardIssuers() {
        return List.of(issuingCa);
    }

    @Override
    public Map<String, Integer> trustLevelPolicies() {
        return Map.of(TestPki.TEST_LOA3_POLICY_OID, 3);
    }

    @Override
    public URI loginPage() {
        return origin.resolve("/demo/");
    }

    /** The demo card's current secrets; a test card's, shown on purpose so that a newcomer can log in. */
    @Override
    public String cardSecretsForDisplay() {
        try (CardSecrets secrets = card.secrets()) {
            return new StringBuilder("PIN ").append(secrets.identificationPin()).append(" (Legitimering), PIN ")
                    .append(secrets.signaturePin()).append(" (Underskrift), PUK ").append(secrets.puk())
                    .append(" \u2013 ").append(card.holder().givenName()).append(' ')
                    .append(card.holder().surname()).append(", ").append(card.holder().hsaId()).toString();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            readers.reader(DevkitDemo.READER).remove();
            service.close();
            ocsp.close();
        }
    }

    @Override
    public String toString() {
        return "DevkitDemo[" + origin + "]";
    }
}
