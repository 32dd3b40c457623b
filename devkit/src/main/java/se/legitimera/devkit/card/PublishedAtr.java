package se.legitimera.devkit.card;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The ATRs published for IDPrime cards (pcsc-tools smartcard list, see the project's IDPRIME.md) that a
 * {@link VirtualSithsCard} can present, each with the chip it belongs to. The chip decides how the card
 * lays out its keys, as OpenSC 0.26 expects of that type: a 940 names its keys in the key reference map
 * 0005 (identification key 0x56 under PIN 0x11, signature key 0x57 under PIN 0x83); an 840 has no such
 * map and its keys are 0xF7 + certificate id, both under PIN 0x11.
 */
public enum PublishedAtr {
    /** IDPrime 941 (PKI), SafeNet IDPrime 940B (PKI); the default. */
    IDPRIME_940("3B7F96000080318065B0855956FB120FFE829000", Chip.IDPRIME_940),
    /** SafeNet IDPrime 940C (eID). */
    IDPRIME_940C("3B7F96000080318065B0850500 39120FFE829000", Chip.IDPRIME_940),
    /** SafeNet IDPrime 3940C (PKI), T=1. */
    IDPRIME_3940C("3BFF9600008131FE4380318065B0850500 39120FFE82900 0C8", Chip.IDPRIME_940),
    /** IDPrime 3940 Fido (PKI), T=1. */
    IDPRIME_3940_FIDO("3BFF9600008131FE4380318065B0855956FB120FFC82900002", Chip.IDPRIME_940),
    /** Region Stockholm's temporary e-service card (a SITHS "reservkort"); OpenSC 0.26 takes it for a 940. */
    RESERVKORT("3B7F96000080318065B0850400111202F0829000", Chip.IDPRIME_940),
    /** Gemalto IDPrime MD 840 (PKI). */
    IDPRIME_MD_840("3B7F96000080318065B0850300EF120FFE829000", Chip.IDPRIME_840),
    /** Gemalto IDPrime MD840 (eID). */
    IDPRIME_MD_840_EID("3B7F96000080318065B0850300EF1202C1829000", Chip.IDPRIME_840),
    /** Swedish MCA (eID), an 840 chip. */
    SWEDISH_MCA("3B7F96000080318065B0850300EF1202F0829000", Chip.IDPRIME_840);

    /** How a chip lays out its keys. */
    public enum Chip {
        /** Key reference map 0005; identification key 0x56 (PIN 0x11), signature key 0x57 (PIN 0x83). */
        IDPRIME_940(0x56, 0x57, true),
        /** No key reference map; keys 0xF7 + certificate id, both under PIN 0x11. */
        IDPRIME_840(0xF7, 0xF8, false);

        private final int authenticationKey;
        private final int signatureKey;
        private final boolean keyMap;

        Chip(int authenticationKey, int signatureKey, boolean keyMap) {
            this.authenticationKey = authenticationKey;
            this.signatureKey = signatureKey;
            this.keyMap = keyMap;
        }

        /** Key reference of the authentication key (certificate kxc00). */
        public int authenticationKey() {
            return authenticationKey;
        }

        /** Key reference of the signature key (certificate ksc01). */
        public int signatureKey() {
            return signatureKey;
        }

        /** Whether the card has the key reference map 0005 and binds the signature key to PIN 0x83. */
        public boolean keyMap() {
            return keyMap;
        }

        /** The PIN the signature key needs: 0x83 on a 940, 0x11 on an 840. */
        public int signatureKeyPin() {
            return keyMap ? VirtualSithsCard.SIGNATURE_PIN : VirtualSithsCard.IDENTIFICATION_PIN;
        }
    }

    private final String hex;
    private final Chip chip;

    PublishedAtr(String hex, Chip chip) {
        this.hex = hex.replace(" ", "");
        this.chip = chip;
    }

    /** The ATR's bytes (a copy). */
    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** The ATR as upper-case hex without spaces. */
    public String hex() {
        return hex.toUpperCase(Locale.ROOT);
    }

    public Chip chip() {
        return chip;
    }

    /** Whether the card speaks T=1: the ATR has TD1 (T0 = FF) naming T=1; the T=0 ones have no TD1 (T0 = 7F). */
    public boolean t1() {
        byte[] atr = bytes();
        return (atr[1] & 0x80) != 0 && (atr[5] & 0x0F) == 1;
    }

    /** The protocol as javax.smartcardio names it: {@code "T=0"} or {@code "T=1"}. */
    public String protocol() {
        return t1() ? "T=1" : "T=0";
    }
}
