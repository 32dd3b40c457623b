package se.legitimera.devkit.pkcs11;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.legitimera.devkit.stack.SoftHsmFixture;

/**
 * A SoftHSM2 token of its own for one test class ({@link SoftHsmFixture}) holding three keys with
 * certificates from a throwaway CA (RSA 2048 "auth", RSA 4096 "sign", EC P-256 "ec"), removed on
 * {@link #close()}. The test must create this before loading the module (SOFTHSM2_CONF).
 */
final class SoftHsmToken implements AutoCloseable {

    static final Path MODULE = SoftHsmFixture.MODULE;
    static final String LABEL = "legitimera-test";
    static final char[] USER_PIN = "123456".toCharArray();
    static final char[] SO_PIN = "12345678".toCharArray();

    private final SoftHsmFixture fixture;
    final TestIdentity.Ca ca;
    final List<TestIdentity> identities = new ArrayList<>();

    private SoftHsmToken(SoftHsmFixture fixture, TestIdentity.Ca ca) {
        this.fixture = fixture;
        this.ca = ca;
    }

    static SoftHsmToken create() throws Exception {
        SoftHsmFixture.require();
        SoftHsmFixture fixture = SoftHsmFixture.create(Path.of(System.getProperty("user.dir"), "target", "softhsm"),
                LABEL, USER_PIN, SO_PIN);
        SoftHsmToken token = new SoftHsmToken(fixture, TestIdentity.Ca.create());
        try {
            token.add(token.ca.issue("auth", "01", TestIdentity.rsa(2048), false));
            token.add(token.ca.issue("sign", "02", TestIdentity.rsa(4096), true));
            token.add(token.ca.issue("ec", "03", TestIdentity.ecP256(), false));
        } catch (Exception | Error e) {
            token.close();
            throw e;
        }
        return token;
    }

    private void add(TestIdentity identity) throws Exception {
        fixture.importKey(identity.label(), identity.id(), identity.keyPair().getPrivate(), identity.certificate());
        identities.add(identity);
    }

    TestIdentity identity(String label) {
        return identities.stream().filter(i -> i.label().equals(label)).findFirst().orElseThrow();
    }

    @Override
    public void close() throws IOException {
        fixture.close();
    }
}
