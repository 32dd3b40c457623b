package se.legitimera.smartcard.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IssuerLocatorTest {

    private static final String AIA = "http://pki.test/ca/issuing.crt";

    private static TestPki.Issued issuing;
    private static TestPki.Issued impostor;
    private static TestPki.Issued person;

    @BeforeAll
    static void createPki() throws Exception {
        issuing = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1");
        // Same name, other key: a candidate must verify the signature, a matching subject is not enough.
        impostor = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1");
        TestPki.Person p = new TestPki.Person();
        p.caIssuers = AIA;
        person = p.issueBy(issuing);
    }

    /** Serves fixed bodies by URL and counts the fetches. */
    private static final class ScriptedTransport implements CaIssuersTransport {
        private final Map<String, byte[]> bodies;
        private final List<URI> fetched = new ArrayList<>();

        ScriptedTransport(Map<String, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        public synchronized byte[] get(URI location, java.time.Duration timeout) throws IOException {
            fetched.add(location);
            byte[] body = bodies.get(location.toString());
            if (body == null) {
                throw new IOException("HTTP 404");
            }
            return body;
        }
    }

    @Test
    void chainOf_givesTheCasClosestFirst_withoutTheSelfSignedRoot() throws Exception {
        TestPki.Issued root = TestPki.ca("SITHS e-id Root CA v2");
        TestPki.Issued intermediate = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1", root);
        TestPki.Issued leaf = new TestPki.Person().issueBy(intermediate);
        IssuerLocator locator = IssuerLocator.builder().withFetching(false)
                .withKnownCertificates(List.of(root.certificate(), intermediate.certificate())).build();

        assertThat(locator.chainOf(leaf.certificate())).containsExactly(intermediate.certificate());
        assertThat(locator.chainOf(root.certificate())).isEmpty();
    }

    @Test
    void chainOf_fetchesTheIssuingCaFromTheAia_andEndsWhereNoFurtherIssuerIsFound() throws Exception {
        TestPki.Issued root = TestPki.ca("SITHS e-id Root CA v2");
        TestPki.Issued intermediate = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1", root);
        TestPki.Person p = new TestPki.Person();
        p.caIssuers = AIA;
        TestPki.Issued leaf = p.issueBy(intermediate);
        ScriptedTransport transport = new ScriptedTransport(Map.of(AIA, intermediate.certificate().getEncoded()));

        assertThat(IssuerLocator.builder().withTransport(transport).build().chainOf(leaf.certificate()))
                .containsExactly(intermediate.certificate());
        assertThat(transport.fetched).containsExactly(URI.create(AIA));
    }

    @Test
    void whenTheIssuerIsConfigured_thenNothingIsFetched() {
        ScriptedTransport transport = new ScriptedTransport(Map.of());
        IssuerLocator locator = IssuerLocator.builder().withKnownCertificates(List.of(impostor.certificate(),
                issuing.certificate())).withTransport(transport).build();

        assertThat(locator.issuerOf(person.certificate())).contains(issuing.certificate());
        assertThat(transport.fetched).isEmpty();
    }

    @Test
    void whenOnlyTheAiaHasIt_thenItIsFetchedOnceAndCached() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(Map.of(AIA, issuing.certificate().getEncoded()));
        IssuerLocator locator = IssuerLocator.builder().withTransport(transport).build();

        assertThat(locator.issuerOf(person.certificate())).contains(issuing.certificate());
        assertThat(locator.issuerOf(person.certificate())).contains(issuing.certificate());
        assertThat(transport.fetched).containsExactly(URI.create(AIA));
    }

    @Test
    void whenTheAiaServesPem_thenItIsParsedToo() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(issuing.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        IssuerLocator locator = IssuerLocator.builder().withTransport(
                new ScriptedTransport(Map.of(AIA, pem.getBytes(StandardCharsets.US_ASCII)))).build();

        assertThat(locator.issuerOf(person.certificate())).contains(issuing.certificate());
    }

    @Test
    void whenTheAiaServesACaWithAnotherKey_thenItIsRefused() throws Exception {
        IssuerLocator locator = IssuerLocator.builder().withTransport(
                new ScriptedTransport(Map.of(AIA, impostor.certificate().getEncoded()))).build();

        assertThat(locator.issuerOf(person.certificate())).isEmpty();
    }

    @Test
    void whenTheAiaIsDownOrServesGarbage_thenTheIssuerIsUnknown() {
        assertThat(IssuerLocator.builder().withTransport(new ScriptedTransport(Map.of())).build()
                .issuerOf(person.certificate())).isEmpty();
        assertThat(IssuerLocator.builder().withTransport(new ScriptedTransport(Map.of(AIA, new byte[] {1, 2, 3})))
                .build().issuerOf(person.certificate())).isEmpty();
    }

    @Test
    void whenAnEndEntityCertificateHasTheIssuersName_thenItIsNotTakenForTheCa() throws Exception {
        TestPki.Person lookalike = new TestPki.Person();
        lookalike.subject = "CN=SITHS e-id Person HSA-id 3 CA v1,O=Inera AB,C=SE";
        IssuerLocator locator = IssuerLocator.builder().withKnownCertificates(
                List.of(lookalike.issueBy(issuing).certificate())).withFetching(false).build();

        assertThat(locator.issuerOf(person.certificate())).isEmpty();
    }

    @Test
    void whenFetchingIsOff_thenTheAiaIsNeverAsked() {
        ScriptedTransport transport = new ScriptedTransport(Map.of());
        IssuerLocator locator = IssuerLocator.builder().withTransport(transport).withFetching(false).build();

        assertThat(locator.issuerOf(person.certificate())).isEmpty();
        assertThat(transport.fetched).isEmpty();
    }
}
