package se.legitimera.devkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Holder HOLDER = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se").withEmail("test.testsson@example.se");

    @TempDir
    static Path folder;
    private static TestPki pki;
    private static KeyPair authKeys;
    private static KeyPair signKeys;
    private static PersonCertificates person;

    @BeforeAll
    static void createPki() throws Exception {
        pki = TestPki.builder().withFolder(folder).withClock(CLOCK)
                .withRevocationBaseUrl(URI.create("http://127.0.0.1:9123/")).openOrCreate();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        authKeys = generator.generateKeyPair();
        signKeys = generator.generateKeyPair();
        person = pki.issuePerson(HOLDER, authKeys.getPublic(), signKeys.getPublic());
    }

    @Test
    void whenPersonIsIssued_thenBothChainsValidateAgainstTheRoot() throws Exception {
        for (X509Certificate certificate : List.of(person.authentication(), person.signature())) {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(NOW.plus(Duration.ofDays(1))));
            var path = CertificateFactory.getInstance("X.509").generateCertPath(pki.chainFor(certificate).subList(0, 2));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        }
    }

    @Test
    void whenCreated_thenCaNamesAndConstraintsAreSithsLike() {
        assertThat(pki.rootCertificate().getSubjectX500Principal())
                .isEqualTo(new X500Principal("CN=TEST SITHS e-id Root CA v2, O=Inera AB, C=SE"));
        assertThat(pki.issuingCertificate().getSubjectX500Principal())
                .isEqualTo(new X500Principal("CN=TEST SITHS e-id Person HSA-id 3 CA v1, O=Inera AB, C=SE"));
        assertThat(pki.rootCertificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(pki.issuingCertificate().getBasicConstraints()).isZero();
        boolean[] usage = pki.issuingCertificate().getKeyUsage();
        assertThat(usage[5]).as("keyCertSign").isTrue();
        assertThat(usage[6]).as("cRLSign").isTrue();
        assertThat(pki.issuingCertificate().getExtensionValue("2.5.29.35")).as("AKI").isNotNull();
        assertThat(pki.issuingCertificate().getExtensionValue("2.5.29.14")).as("SKI").isNotNull();
    }

    @Test
    void whenPersonIsIssued_thenAuthenticationCertificateHasClientAuthAndSmartcardLogon() throws Exception {
        X509Certificate authentication = person.authentication();
        assertThat(authentication.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(authentication.getKeyUsage()[1]).as("nonRepudiation").isFalse();
        assertThat(authentication.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(authentication.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.4.1.311.20.2.2");
    }

    @Test
    void whenPersonIsIssued_thenSignatureCertificateHasCriticalNonRepudiationOnly() throws Exception {
        X509Certificate signature = person.signature();
        assertThat(signature.getKeyUsage()[1]).isTrue();
        assertThat(signature.getKeyUsage()[0]).isFalse();
        assertThat(signature.getCriticalExtensionOIDs()).contains("2.5.29.15");
        assertThat(signature.getExtendedKeyUsage()).isNull();
    }

    @Test
    void whenPersonIsIssued_thenSubjectCarriesNamesAndHsaId() {
        X500Name subject = X500Name.getInstance(person.authentication().getSubjectX500Principal().getEncoded());
        assertThat(value(subject, BCStyle.CN)).isEqualTo("Test Testsson");
        assertThat(value(subject, BCStyle.GIVENNAME)).isEqualTo("Test");
        assertThat(value(subject, BCStyle.SURNAME)).isEqualTo("Testsson");
        assertThat(value(subject, BCStyle.SERIALNUMBER)).isEqualTo("TSTNMT2321000156-1024");
        assertThat(value(subject, BCStyle.C)).isEqualTo("SE");
        assertThat(person.signature().getSubjectX500Principal()).isEqualTo(person.authentication().getSubjectX500Principal());
    }

    @Test
    void whenPersonIsIssued_thenSanHoldsUpnAndEmail() throws Exception {
        var names = person.authentication().getSubjectAlternativeNames();
        assertThat(names).contains(List.of(1, "test.testsson@example.se"));
        List<?> otherName = names.stream().filter(name -> (Integer) name.get(0) == 0).findFirst().orElseThrow();
        ASN1Sequence sequence = ASN1Sequence.getInstance(otherName.get(1));
        assertThat(sequence.getObjectAt(0)).hasToString("1.3.6.1.4.1.311.20.2.3");
        ASN1Primitive inner = ASN1TaggedObject.getInstance(sequence.getObjectAt(1)).getExplicitBaseObject().toASN1Primitive();
        assertThat(((DERUTF8String) inner).getString()).isEqualTo("tstnmt1024@test.siths.se");
    }

    @Test
    void whenPersonIsIssued_thenPolicyAiaAndValidityFollowTheConfiguration() throws Exception {
        X509Certificate authentication = person.authentication();
        CertificatePolicies policies = CertificatePolicies.getInstance(
                ASN1OctetString.getInstance(authentication.getExtensionValue("2.5.29.32")).getOctets());
        assertThat(policies.getPolicyInformation()[0].getPolicyIdentifier()).hasToString(TestPki.TEST_LOA3_POLICY_OID);
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(authentication.getExtensionValue("1.3.6.1.5.5.7.1.1")).getOctets());
        assertThat(access.getAccessDescriptions()[0].getAccessLocation().getName())
                .hasToString("http://127.0.0.1:9123/ocsp");
        assertThat(authentication.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(authentication.getNotAfter().toInstant()).isEqualTo(Instant.parse("2028-03-01T10:00:00Z"));
    }

    @Test
    void whenReopened_thenCaCertificatesAndKeyAreTheSame() {
        TestPki reopened = TestPki.openOrCreate(folder, CLOCK);
        assertThat(reopened.rootCertificate()).isEqualTo(pki.rootCertificate());
        assertThat(reopened.issuingCertificate()).isEqualTo(pki.issuingCertificate());
        assertThat(reopened.issuingKey().getEncoded()).isEqualTo(pki.issuingKey().getEncoded());
        assertThat(reopened.chainFor(person.authentication())).hasSize(3);
    }

    @Test
    void whenRevoked_thenReopenedPkiAndCrlKnowIt() throws Exception {
        BigInteger serial = person.signature().getSerialNumber();
        assertThat(pki.isRevoked(serial)).isFalse();
        pki.revoke(serial);
        TestPki reopened = TestPki.openOrCreate(folder, CLOCK);
        assertThat(reopened.isRevoked(serial)).isTrue();
        assertThat(reopened.revocationTime(serial)).contains(NOW);
        assertThat(reopened.isRevoked(person.authentication().getSerialNumber())).isFalse();
        var crl = reopened.issueCrl();
        crl.verify(pki.issuingCertificate().getPublicKey());
        assertThat(crl.isRevoked(person.signature())).isTrue();
    }

    @Test
    void whenTlsServerIsIssued_thenItNamesLocalhostAndServesServerAuth() throws Exception {
        TlsCredential credential = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        assertThat(credential.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(credential.certificate().getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(credential.chain()).hasSize(3);
        assertThat(credential.toKeyStore("server", "changeit".toCharArray()).isKeyEntry("server")).isTrue();
    }

    @Test
    void whenClientCertificateIsIssuedForAnEcKey_thenItIsClientAuth() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        X509Certificate certificate = pki.issueClientCertificate(HOLDER, generator.generateKeyPair().getPublic());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        certificate.verify(pki.issuingCertificate().getPublicKey());
    }

    @Test
    void whenCertificateIsForeign_thenChainForRefuses() {
        assertThatThrownBy(() -> pki.chainFor(pki.rootCertificate())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        return IETFUtils.valueToString(name.getRDNs(type)[0].getFirst().getValue());
    }
}
