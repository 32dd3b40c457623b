package se.legitimera.smartcard.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SithsCertificateReaderTest {

    private static TestPki.Issued ca;
    private final SithsCertificateReader reader = SithsCertificateReader.builder()
            .withClock(Clock.fixed(TestPki.NOW, ZoneOffset.UTC)).build();

    @BeforeAll
    static void createCa() throws Exception {
        ca = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1");
    }

    @Test
    void authenticationCertificateFieldsAreRead() throws Exception {
        var person = new TestPki.Person();
        person.ocsp = "http://ocsp.test/ocsp";
        person.crl = "http://crl.test/ca.crl";
        SithsCertificate c = reader.read(person.issueBy(ca).certificate());
        assertThat(c.holderName()).isEqualTo("Tolvan Tolvansson");
        assertThat(c.hsaId()).hasValue("TSTNMT2321000156-1024");
        assertThat(c.personalIdentityNumber()).isEmpty();
        assertThat(c.userPrincipalName()).hasValue("tolvan@test.se");
        assertThat(c.emails()).containsExactly("tolvan.tolvansson@test.se");
        assertThat(c.issuerCommonName()).isEqualTo("SITHS e-id Person HSA-id 3 CA v1");
        assertThat(c.issuer()).contains("CN=SITHS e-id Person HSA-id 3 CA v1");
        assertThat(c.daysLeft()).isEqualTo(100);
        assertThat(c.usage()).isEqualTo(CertificateUsage.IDENTIFICATION);
        assertThat(c.ocspUrls()).containsExactly(URI.create("http://ocsp.test/ocsp"));
        assertThat(c.crlUrls()).containsExactly(URI.create("http://crl.test/ca.crl"));
    }

    @Test
    void whenNonRepudiationIsSet_thenItIsTheSignatureCertificate() throws Exception {
        var person = new TestPki.Person();
        person.keyUsage = KeyUsage.nonRepudiation;
        assertThat(reader.read(person.issueBy(ca).certificate()).usage()).isEqualTo(CertificateUsage.SIGNATURE);
    }

    @Test
    void whenSerialNumberIsAPersonnummer_thenItIsMaskedAndNotAnHsaId() throws Exception {
        var person = new TestPki.Person();
        person.subject = "CN=Tolvan Tolvansson,SERIALNUMBER=191212121212,C=SE";
        SithsCertificate c = reader.read(person.issueBy(ca).certificate());
        assertThat(c.hsaId()).isEmpty();
        assertThat(c.personalIdentityNumber()).hasValueSatisfying(p -> {
            assertThat(p.digits()).isEqualTo("191212121212");
            assertThat(p.masked()).isEqualTo("19121212-****");
            assertThat(p.toString()).doesNotContain("1212121212");
        });
        assertThat(c.toString()).doesNotContain("191212121212");
    }

    @Test
    void personnummerInASanOtherNameIsFound() throws Exception {
        var person = new TestPki.Person();
        person.pnrOtherNameOid = "1.2.752.34.2.1";
        person.pnr = "191212121212";
        SithsCertificate c = reader.read(person.issueBy(ca).certificate());
        assertThat(c.personalIdentityNumber()).hasValueSatisfying(p -> assertThat(p.masked()).isEqualTo("19121212-****"));
        assertThat(c.hsaId()).as("the subject serialNumber stays the HSA-id").hasValue("TSTNMT2321000156-1024");
    }

    @Test
    void expiredCertificateHasNegativeDaysLeft() throws Exception {
        var person = new TestPki.Person();
        person.notAfter = TestPki.NOW.minusSeconds(86_400L * 3);
        assertThat(reader.read(person.issueBy(ca).certificate()).daysLeft()).isEqualTo(-3);
    }

    @Test
    void trustLevelComesFromAConfiguredPolicyBeforeTheIssuer() throws Exception {
        var person = new TestPki.Person();
        person.policies.add("1.2.3.4.5");
        var table = TrustLevelTable.builder().withDefaults().withPolicy("1.2.3.4.5", "LoA2", true).build();
        SithsCertificate c = SithsCertificateReader.builder().withTrustLevels(table).build().read(person.issueBy(ca).certificate());
        assertThat(c.policyOids()).containsExactly("1.2.3.4.5");
        assertThat(c.trustLevel()).isEqualTo(new TrustLevel("LoA2", "policy 1.2.3.4.5", true));
    }

    @Test
    void defaultTrustLevelFromTheIssuerIsMarkedUnconfirmed() throws Exception {
        SithsCertificate c = reader.read(new TestPki.Person().issueBy(ca).certificate());
        assertThat(c.trustLevel().level()).isEqualTo("LoA3");
        assertThat(c.trustLevel().confirmed()).isFalse();
    }

    @Test
    void unknownIssuerAndPolicyGiveUnknownTrust() throws Exception {
        TestPki.Issued other = TestPki.ca("Some Other CA");
        assertThat(reader.read(new TestPki.Person().issueBy(other).certificate()).trustLevel()).isEqualTo(TrustLevel.UNKNOWN);
    }
}
