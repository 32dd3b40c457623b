package se.legitimera.keycloak.holder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.oob.server.Completion;
import se.legitimera.smartcard.cert.PersonalIdentityNumber;

/** The notes the browser flow and CIBA hand to the token mappers: the same values for one completion. */
class HolderNotesTest {

    private static final String HSA_ID = "TSTNMT2321000156-1024";

    @TempDir
    static Path folder;
    static TestPki pki;
    static X509Certificate certificate;

    @BeforeAll
    static void issue() throws Exception {
        pki = TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        certificate = pki.issuePerson(new Holder("Test", "Testsson", HSA_ID, "tstnmt1024@test.siths.se"),
                generator.generateKeyPair().getPublic(), generator.generateKeyPair().getPublic()).authentication();
    }

    @Test
    void aCompletionOfAKnownLevel_givesTheHsaIdTheLevelItsAcrAndTheCertificate() throws Exception {
        LegitimeraConfig config = config(Map.of(LegitimeraConfig.ACR_VALUES, "3=urn:example:loa3"));

        Map<String, String> notes = HolderNotes.of(completion(OptionalInt.of(3), Optional.empty()), config);

        assertThat(notes).containsExactly(entry(HolderNotes.HSA_ID, HSA_ID), entry(HolderNotes.TRUST_LEVEL, "3"),
                entry(HolderNotes.ACR, "urn:example:loa3"),
                entry(HolderNotes.CERT_SERIAL, certificate.getSerialNumber().toString(16)),
                entry(HolderNotes.CERT_ISSUER, certificate.getIssuerX500Principal().getName()));
    }

    @Test
    void anUnknownLevel_givesNoLevelNorAcr_andAPersonalIdentityNumberOnlyWhenTheCertificateHasOne() throws Exception {
        PersonalIdentityNumber number = PersonalIdentityNumber.parse("191212121212").orElseThrow();

        Map<String, String> notes = HolderNotes.of(completion(OptionalInt.empty(), Optional.of(number)), config(Map.of()));

        assertThat(notes).doesNotContainKeys(HolderNotes.TRUST_LEVEL, HolderNotes.ACR)
                .containsEntry(HolderNotes.PERSONAL_IDENTITY_NUMBER, number.digits())
                .containsEntry(HolderNotes.HSA_ID, HSA_ID);
    }

    private static Completion completion(OptionalInt level, Optional<PersonalIdentityNumber> number) {
        return new Completion(HSA_ID, "Test Testsson", number, level, List.of(certificate), "proof", Instant.now());
    }

    private static LegitimeraConfig config(Map<String, String> extra) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.put(LegitimeraConfig.TRUSTED_ROOTS, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pki.rootCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return LegitimeraConfig.parse(config);
    }
}
