package se.legitimera.devkit.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.TestPki;

class OcspResponderIT {

    @TempDir
    static Path folder;
    static TestPki pki;
    static OcspResponder responder;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.builder().withFolder(folder).openOrCreate();
        responder = OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(),
                serial -> pki.revocationTime(serial).<CertificateState>map(CertificateState.Revoked::new)
                        .orElseGet(CertificateState.Good::new), Clock.systemUTC(), 0);
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    private static BigInteger newPerson() throws Exception {
        var keys = KeyPairGenerator.getInstance("EC");
        return pki.issuePerson(new Holder("Test", "Testsson", "TSTNMT2321000156-1024", "t@test.siths.se"),
                keys.generateKeyPair().getPublic(), keys.generateKeyPair().getPublic()).authentication().getSerialNumber();
    }

    private static BasicOCSPResp ask(CertificateID id, byte[] nonce) throws Exception {
        var request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(
                new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded()))).build();
        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(responder.uri())
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(), HttpResponse.BodyHandlers.ofByteArray());
        OCSPResp response = new OCSPResp(reply.body());
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pki.issuingCertificate().getPublicKey()))).isTrue();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
                .isEqualTo(new DEROctetString(new DEROctetString(nonce).getEncoded()));
        return basic;
    }

    private static CertificateID id(BigInteger serial) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(pki.issuingCertificate()), serial);
    }

    @Test
    void whenCertificateIsNotRevoked_thenGood() throws Exception {
        assertThat(ask(id(newPerson()), new byte[] {1, 2, 3}).getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void whenCertificateIsRevoked_thenRevokedWithItsTime() throws Exception {
        BigInteger serial = newPerson();
        pki.revoke(serial);
        var status = ask(id(serial), new byte[] {4, 5, 6}).getResponses()[0].getCertStatus();
        assertThat(status).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) status).getRevocationTime().toInstant()).isEqualTo(pki.revocationTime(serial).orElseThrow()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void whenTheAppFollowsTheCertificatesAia_thenItFindsTheCaAndGetsAGoodAnswer() throws Exception {
        // A second view of the same PKI whose certificates point at this responder's port.
        TestPki served = TestPki.builder().withFolder(folder)
                .withRevocationBaseUrl(java.net.URI.create(responder.uri().toString().replaceAll("/$", "")))
                .openOrCreate();
        var keys = KeyPairGenerator.getInstance("EC");
        java.security.cert.X509Certificate person = served.issuePerson(
                new Holder("Test", "Testsson", "TSTNMT2321000156-1025", "t@test.siths.se"),
                keys.generateKeyPair().getPublic(), keys.generateKeyPair().getPublic()).authentication();

        var issuer = se.legitimera.smartcard.cert.IssuerLocator.builder().build().issuerOf(person);

        assertThat(issuer).contains(pki.issuingCertificate());
        assertThat(se.legitimera.smartcard.cert.RevocationChecker.builder().build().check(person, issuer.get())
                .status()).isEqualTo(se.legitimera.smartcard.cert.RevocationStatus.GOOD);
    }

    @Test
    void whenIssuerIsNotThisCa_thenUnknown(@TempDir Path otherFolder) throws Exception {
        TestPki other = TestPki.builder().withFolder(otherFolder).openOrCreate();
        CertificateID foreign = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(other.rootCertificate()), BigInteger.TEN);
        assertThat(ask(foreign, new byte[] {7}).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }
}
