package se.legitimera.smartcard.api;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Legitimera knows about a kind of card: its name, its PINs, its PUK and whether PIN operations
 * may go to it by APDU. Chosen by ATR from data (see {@code se.legitimera.smartcard.profile}). Immutable.
 */
public final class CardProfile {

    private final String id;
    private final CardType type;
    private final String name;
    private final boolean atrConfirmed;
    private final byte[] applet;
    private final List<PinSpec> pins;
    private final Optional<PukSpec> puk;
    private final KeyReferenceRule keys;

    /**
     * @param id           stable identifier from the profile data, e.g. {@code "siths-940"}
     * @param type         the card type shown to users
     * @param name         a descriptive name, e.g. {@code "SITHS 940 (IDPrime 940)"}
     * @param atrConfirmed false when the ATR that selects this profile is assumed, not seen in the field
     * @param applet       AID selected before PIN APDUs; empty for cards that never get PIN APDUs
     * @param pins         the card's PINs; empty for cards that never get PIN APDUs
     * @param puk          the PUK, when the card has one that unblocks the PINs
     * @param keys         how the card's private keys are addressed and bound to PINs
     */
    public CardProfile(String id, CardType type, String name, boolean atrConfirmed, byte[] applet,
            List<PinSpec> pins, Optional<PukSpec> puk, KeyReferenceRule keys) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.atrConfirmed = atrConfirmed;
        this.applet = applet.clone();
        this.pins = List.copyOf(pins);
        this.puk = Objects.requireNonNull(puk, "puk");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (!this.pins.isEmpty() && this.applet.length == 0) {
            throw new IllegalArgumentException(id + ": a profile with PINs needs the applet to select");
        }
        if (this.pins.stream().map(PinSpec::kind).distinct().count() != this.pins.size()) {
            throw new IllegalArgumentException(id + ": a PIN kind appears twice");
        }
    }

    /** The profile for a card nobody described: PKCS#11 only, never a PIN APDU. */
    public static CardProfile unknown() {
        return new CardProfile("unknown", CardType.UNKNOWN, "Unknown card", true, new byte[0], List.of(),
                Optional.empty(), KeyReferenceRule.GENERIC);
    }

    /** This profile, marked as chosen by an ATR that is not confirmed. */
    public CardProfile withAtrUnconfirmed() {
        return new CardProfile(id, type, name, false, applet, pins, puk, keys);
    }

    public String id() {
        return id;
    }

    public CardType type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** False when the ATR that chose this profile is an assumption (UNCONFIRMED in the data). */
    public boolean atrConfirmed() {
        return atrConfirmed;
    }

    /** The AID to select before PIN APDUs (a copy). */
    public byte[] applet() {
        return applet.clone();
    }

    /** Whether PIN APDUs may be sent at all: false for unknown cards. */
    public boolean supportsPinApdus() {
        return !pins.isEmpty();
    }

    /** The card's PINs, identification first. */
    public List<PinSpec> pins() {
        return pins;
    }

    /** The PIN of this kind, if the card has one. */
    public Optional<PinSpec> pin(PinKind kind) {
        return pins.stream().filter(p -> p.kind() == kind).findFirst();
    }

    public Optional<PukSpec> puk() {
        return puk;
    }

    /** How the card's private keys are addressed (MSE SET) and which PIN each one needs. */
    public KeyReferenceRule keys() {
        return keys;
    }

    /** The PIN with this card reference (P2 of VERIFY), if the profile has one. */
    public Optional<PinSpec> pinByReference(int reference) {
        return pins.stream().filter(p -> p.reference() == reference).findFirst();
    }

    @Override
    public String toString() {
        return id + " (" + type.displayName() + (atrConfirmed ? "" : ", ATR UNCONFIRMED") + ", applet "
                + HexFormat.of().withUpperCase().formatHex(applet) + ", keys " + keys + ")";
    }
}
