package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import se.legitimera.app.settings.CardProfilePolicy;
import se.legitimera.devkit.card.PublishedAtr;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.pcsc.TerminalSource;
import se.legitimera.smartcard.profile.CardProfiles;

/**
 * {@code legitimera status} over pcscd + vpcd with virtual cards that present an 840 ATR (T=0) and a 3940C
 * ATR (T=1): the app names each by its profile, and an administrator's profiles file beside the policy
 * takes precedence.
 */
@Timeout(120)
class StatusCommandCardIT {

    @TempDir
    static Path folder;
    private static PcscdFixture pcscd;
    private static VpcdCardConnection md840;
    private static VpcdCardConnection t1;

    @BeforeAll
    static void insertCards() throws Exception {
        pcscd = PcscdFixture.acquire();
        TestPki pki = TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        md840 = pcscd.insert(VirtualSithsCard.builder().withPki(pki).withStateFolder(folder.resolve("840"))
                .withAtr(PublishedAtr.IDPRIME_MD_840).openOrCreate(), 0);
        t1 = pcscd.insert(VirtualSithsCard.builder().withPki(pki).withStateFolder(folder.resolve("3940c"))
                .withAtr(PublishedAtr.IDPRIME_3940C).openOrCreate(), 1);
    }

    @AfterAll
    static void removeCards() {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    private static String status(CardProfiles profiles) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new StatusCommand(
                () -> CardMonitor.builder().withTerminalSource(TerminalSource.pcsc()).withProfiles(profiles).build()));
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute()).isZero();
        return out.toString();
    }

    /** The lines between one reader's heading and the next. */
    private static String reader(String status, int index) {
        String heading = "Reader: " + PcscdFixture.readerName(index);
        String rest = status.substring(status.indexOf(heading) + heading.length());
        int next = rest.indexOf("Reader: ");
        return next < 0 ? rest : rest.substring(0, next);
    }

    @Test
    void whenAn840AndAT1CardAreIn_thenEachIsShownWithItsProfileAndPins() {
        String status = status(CardProfilePolicy.load(folder.resolve("no-such-profiles.txt")).profiles());

        assertThat(reader(status, 0)).contains("Card: SITHS 840 (profile siths-840)",
                "ATR: 3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00",
                "PIN Legitimering: 3 of 3 tries left").doesNotContain("Underskrift");
        assertThat(reader(status, 1)).contains("Card: SITHS 940 (profile siths-940)",
                "ATR: 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 05 00 39 12 0F FE 82 90 00 C8",
                "PIN Legitimering: 3 of 3 tries left", "PIN Underskrift: 3 of 3 tries left");
    }

    @Test
    void whenTheAdministratorsProfilesFileNamesTheT1Card_thenItsProfileIsShown() throws Exception {
        Path file = Files.writeString(folder.resolve("profiles.txt"), """
                [region-3940]
                type = SITHS_940
                name = SITHS 940 contactless (Region X)
                atr = 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 05 00 39 12 0F FE 82 90 00 C8
                applet = A0 00 00 00 18 80 00 00 00 06 62
                pin.identification = reference 11, tries 3, length 6-8, padded 16 with 00
                keys = map 0005
                """);
        String status = status(CardProfilePolicy.load(file).profiles());

        assertThat(reader(status, 1)).contains("(profile region-3940)").doesNotContain("Underskrift");
        assertThat(reader(status, 0)).contains("(profile siths-840)");
    }
}
