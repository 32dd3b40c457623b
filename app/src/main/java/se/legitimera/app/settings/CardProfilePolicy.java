package se.legitimera.app.settings;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.profile.CardProfiles;

/**
 * The card profiles the app uses: the built-in table (smartcard's {@code profiles.txt}) with the
 * administrator's own profiles in front of it, from {@value #FILE_NAME} next to the machine policy file
 * ({@code /etc/legitimera/profiles.txt} on Linux, see {@link PolicyLocation}), in the same format. A profile
 * there with the id of a built-in one replaces it; the others are added and matched first. So a new card
 * variant needs no new release.
 *
 * <p>Never fails: a missing file gives the built-in table; an unreadable or malformed one is ignored as a
 * whole (a half-read table could send PIN APDUs to the wrong card) and reported as a {@link SettingsProblem}.
 * Reads the file on every call; thread-safe.
 */
public final class CardProfilePolicy {

    /** The file name next to the policy file. */
    public static final String FILE_NAME = "profiles.txt";

    private static final Logger LOG = LoggerFactory.getLogger(CardProfilePolicy.class);

    /** The table in use and what was wrong with the administrator's file, if anything. */
    public record Loaded(CardProfiles profiles, Optional<SettingsProblem> problem) {
    }

    private CardProfilePolicy() {
    }

    /** The profiles file beside {@code policyFile}. */
    public static Path fileNextTo(Path policyFile) {
        Path folder = policyFile.toAbsolutePath().getParent();
        return folder.resolve(FILE_NAME);
    }

    /** The profiles of this machine: built in, with {@value #FILE_NAME} beside its policy file in front; logs a problem. */
    public static CardProfiles forThisMachine() {
        Loaded loaded = load(fileNextTo(PolicyLocation.forThisMachine()));
        loaded.problem().ifPresent(problem -> LOG.warn("Card profiles: {}", problem));
        return loaded.profiles();
    }

    /** The built-in table with the profiles of {@code file} in front of it. */
    public static Loaded load(Path file) {
        CardProfiles builtIn = CardProfiles.builtIn();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(builtIn, Optional.empty());
        } catch (CharacterCodingException e) {
            return ignored(builtIn, file, "not UTF-8 text; save the file as UTF-8");
        } catch (IOException e) {
            return ignored(builtIn, file, "cannot be read: " + e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            CardProfiles admin = CardProfiles.parse(new StringReader(text));
            LOG.info("Card profiles: {} from {} before the built-in ones", admin.all().size(), file);
            return new Loaded(builtIn.overriddenBy(admin), Optional.empty());
        } catch (IllegalArgumentException e) {
            return ignored(builtIn, file, e.getMessage());
        } catch (IOException e) {
            return ignored(builtIn, file, "cannot be read: " + e);
        }
    }

    private static Loaded ignored(CardProfiles builtIn, Path file, String why) {
        return new Loaded(builtIn, Optional.of(new SettingsProblem(file, "",
                why + "; the whole file is ignored, built-in card profiles only")));
    }
}
