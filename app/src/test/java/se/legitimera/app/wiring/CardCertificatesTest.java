package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.ui.main.CertificateOverview;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.PersonCertificates;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.smartcard.cert.SithsCertificate;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.cert.TrustLevelTable;

class CardCertificatesTest {

    @TempDir
    Path folder;

    @Test
    void aCardsCertificatesBecomeTheMainWindowsOverview() throws Exception {
        TestPki pki = TestPki.openOrCreate(folder, Clock.systemUTC());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PersonCertificates issued = pki.issuePerson(new Holder("Tolvan", "Tolvansson", "TSTNMT2321000156-1024",
                "t@test.siths.se"), rsa.generateKeyPair().getPublic(), rsa.generateKeyPair().getPublic());
        SithsCertificateReader reader = SithsCertificateReader.builder().withTrustLevels(TrustLevelTable.builder()
                .withPolicy(TestPki.TEST_LOA3_POLICY_OID, "LoA3", false).build()).build();

        SithsCertificate identification = reader.read(issued.authentication());
        CertificateOverview overview = CardCertificates.overview(identification,
                CertificateOverview.Revocation.NOT_CHECKED);

        assertThat(overview.usage()).isEqualTo(CertificateOverview.Usage.IDENTIFICATION);
        assertThat(overview.holder()).isEqualTo("Tolvan Tolvansson");
        assertThat(overview.hsaId()).isEqualTo("TSTNMT2321000156-1024");
        assertThat(overview.issuer()).isEqualTo(identification.issuerCommonName());
        assertThat(overview.validTo()).isEqualTo(issued.authentication().getNotAfter().toInstant()
                .atZone(ZoneId.systemDefault()).toLocalDate());
        assertThat(overview.trustLevel()).isEqualTo(Optional.of(3));
        assertThat(CardCertificates.overview(reader.read(issued.signature()), CertificateOverview.Revocation.GOOD)
                .usage()).isEqualTo(CertificateOverview.Usage.SIGNATURE);
    }
}
