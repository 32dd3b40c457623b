package se.legitimera.smartcard.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;

/**
 * The table that turns a card's ATR into its {@link CardProfile}. Immutable and thread-safe.
 *
 * <p>The built-in table is the resource {@code profiles.txt} next to this class; its header explains
 * the format. Entries marked UNCONFIRMED are assumptions kept as data, never as code.
 */
public final class CardProfiles {

    private final List<ProfileEntry> entries;

    private CardProfiles(List<ProfileEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** One profile as the data describes it, with the ATRs that select it. */
    record ProfileEntry(CardProfile profile, List<AtrPattern> atrs) {
        ProfileEntry {
            atrs = List.copyOf(atrs);
        }
    }

    /** The profiles shipped in the jar. */
    public static CardProfiles builtIn() {
        try (InputStream in = CardProfiles.class.getResourceAsStream("profiles.txt")) {
            if (in == null) {
                throw new IllegalStateException("profiles.txt missing from the smartcard jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in card profiles", e);
        }
    }

    /**
     * Parses a profile table in the format of the built-in one.
     *
     * @throws IllegalArgumentException with the line number when the data is malformed
     * @throws IOException              when reading fails
     */
    public static CardProfiles parse(Reader source) throws IOException {
        try (BufferedReader lines = new BufferedReader(source)) {
            return new CardProfiles(new ProfileFileParser().parse(lines));
        }
    }

    /**
     * The profile for a card with this ATR; {@link CardProfile#unknown()} when none matches. Its
     * {@link CardProfile#atrConfirmed()} tells whether the ATR pattern that matched is confirmed.
     */
    public CardProfile match(Atr atr) {
        for (ProfileEntry entry : entries) {
            for (AtrPattern pattern : entry.atrs()) {
                if (pattern.matches(atr)) {
                    return pattern.confirmed() ? entry.profile() : entry.profile().withAtrUnconfirmed();
                }
            }
        }
        return CardProfile.unknown();
    }

    /**
     * This table with another one in front of it, as an administrator's profiles file adds to the built-in
     * table: every profile of {@code overrides} is matched first, in its own order, and replaces a profile
     * of this table with the same id; the rest of this table follows unchanged.
     */
    public CardProfiles overriddenBy(CardProfiles overrides) {
        Set<String> replaced = new HashSet<>();
        overrides.entries.forEach(entry -> replaced.add(entry.profile().id()));
        List<ProfileEntry> merged = new ArrayList<>(overrides.entries);
        entries.stream().filter(entry -> !replaced.contains(entry.profile().id())).forEach(merged::add);
        return new CardProfiles(merged);
    }

    /** The profiles with their ATR patterns, in matching order (tests). */
    List<ProfileEntry> entries() {
        return entries;
    }

    /** All profiles, in matching order. */
    public List<CardProfile> all() {
        return entries.stream().map(ProfileEntry::profile).toList();
    }
}
