package se.legitimera.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardType;

class CardProfilePolicyTest {

    private static final Atr MCA = Atr.parse("3B7F96000080318065B0850300EF1202F0829000");
    private static final String REGION_PROFILE = """
            # our region's 840 cards
            [region-840]
            type = SITHS_840
            name = SITHS 840 (Region X)
            atr = 3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 02 F0 82 90 00
            applet = A0 00 00 00 18 80 00 00 00 06 62
            pin.identification = reference 11, tries 3, length 6-8, padded 16 with 00
            keys = F7 + id
            """;

    @TempDir
    Path folder;

    @Test
    void whenTheFileIsNextToThePolicy_thenItIsFoundThere() {
        assertThat(CardProfilePolicy.fileNextTo(Path.of("/etc/legitimera/policy.properties")))
                .isEqualTo(Path.of("/etc/legitimera/profiles.txt"));
    }

    @Test
    void whenThereIsNoFile_thenTheBuiltInProfilesAndNoProblem() {
        CardProfilePolicy.Loaded loaded = CardProfilePolicy.load(folder.resolve("profiles.txt"));
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.profiles().match(MCA).id()).isEqualTo("idprime-840");
    }

    @Test
    void whenTheFileAddsAProfile_thenItIsMatchedBeforeTheBuiltInOnes() throws Exception {
        Path file = Files.writeString(folder.resolve("profiles.txt"), "\uFEFF" + REGION_PROFILE);
        CardProfilePolicy.Loaded loaded = CardProfilePolicy.load(file);
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.profiles().match(MCA).id()).isEqualTo("region-840");
        assertThat(loaded.profiles().match(MCA).type()).isEqualTo(CardType.SITHS_840);
        assertThat(loaded.profiles().match(Atr.parse("3B7F96000080318065B0855956FB120FFE829000")).id())
                .isEqualTo("siths-940");
    }

    @Test
    void whenTheFileIsMalformed_thenItIsIgnoredAsAWholeAndTheLineIsNamed() throws Exception {
        Path file = Files.writeString(folder.resolve("profiles.txt"), REGION_PROFILE + "keys = 56 - id\n");
        CardProfilePolicy.Loaded loaded = CardProfilePolicy.load(file);
        assertThat(loaded.profiles().match(MCA).id()).isEqualTo("idprime-840");
        assertThat(loaded.problem()).hasValueSatisfying(problem -> {
            assertThat(problem.file()).isEqualTo(file);
            assertThat(problem.message()).contains("line 9").contains("ignored");
        });
    }

    @Test
    void whenTheFileIsMalformed_thenTheSettingsReportTheProblemToo() throws Exception {
        Path policy = folder.resolve("policy.properties");
        Files.writeString(folder.resolve("profiles.txt"), "[x]\ncolour = red\n");
        Settings settings = SettingsStore.builder().withUserFile(folder.resolve("user.properties"))
                .withPolicyFile(policy).build().load();
        assertThat(settings.problems()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(folder.resolve("profiles.txt").toAbsolutePath());
            assertThat(problem.message()).contains("colour");
        });
    }
}
