package se.legitimera.devkit.card;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.TestPki;

/**
 * A virtual SITHS card: an IDPrime 940-like card written by us, that OpenSC 0.23's idprime driver accepts
 * and that answers as OpenSC 0.24-0.27 expect a real 940 to (see /work/shared/IDPRIME.md in the project
 * notes). It answers APDUs in memory; {@code vpcd} and the devkit's smartcardio provider put it in a reader.
 *
 * <p>What the card holds:
 * <ul>
 *   <li>ATR {@value #ATR_HEX} (T=0);</li>
 *   <li>identification PIN, reference {@link #IDENTIFICATION_PIN} 0x11, 3 tries; signature PIN, reference
 *       {@link #SIGNATURE_PIN} 0x83, 3 tries; both ASCII digits padded with 00 to 16 bytes;</li>
 *   <li>PUK, reference {@link #PUK} 0x81 (our choice), 8 digits, 10 tries, then blocked for good; it
 *       unblocks either PIN with {@code 00 2C 00 ref PUK||newPIN}; {@code 00 20 00 81} answers its
 *       tries left (63Cx / 6983) but VERIFY with a body is refused (6985);</li>
 *   <li>two RSA-2048 keys: authentication (key reference 0x56, certificate "kxc00", needs a verified
 *       0x11) and signature (0x57, "ksc01", needs a verified 0x83), with certificates from the
 *       {@link TestPki};</li>
 *   <li>files: index 0101, card id 0201, compressed certificates 0301/0302, token info 0401 with the
 *       label {@value #TOKEN_LABEL}, plus the container map 0204 and key reference map 0005 that OpenSC
 *       0.24+ reads; CPLC via GET DATA 9F7F with OS release 4 ("OSv4").</li>
 * </ul>
 * A VERIFY with a body that is not 4-16 ASCII digits padded with 00 to 16 bytes is refused (6A80) without
 * costing a try; a new PIN must have 6 to 16 digits (6A80 otherwise). PIN verification lasts until
 * power off or reset.
 *
 * <p>State (PINs, PUK, counters, keys, certificates, card id) is kept in a state folder when one is
 * given, and saved after every change, so that a test or the next run of the {@code card} command sees
 * the same card; one process at a time per folder. Without a folder the card lives in memory only.
 *
 * <p>Thread-safe: commands are answered one at a time. Listeners run on the transmitting thread.
 */
public interface VirtualSithsCard {

    /** The ATR: IDPrime 940 as in OpenSC 0.24's table, matching 0.23's generic IDPrime entry. */
    String ATR_HEX = "3B7F96000080318065B0855956FB120FFE829000";
    /** The token label in the {@code p11/tinfo} file. */
    String TOKEN_LABEL = "SITHS e-id kort (Legitimering)";
    /** The identification PIN's reference. */
    int IDENTIFICATION_PIN = 0x11;
    /** The signature PIN's reference. */
    int SIGNATURE_PIN = 0x83;
    /** The PUK's reference (our choice; the 940's real one is not known to us). */
    int PUK = 0x81;
    /** Key reference of the authentication key on the 940 (named so in its map 0005); an 840 has 0xF7. */
    int AUTHENTICATION_KEY = 0x56;
    /** Key reference of the signature key on the 940 (map 0005, under PIN 0x83); an 840 has 0xF8 (PIN 0x11). */
    int SIGNATURE_KEY = 0x57;

    /** The holder used when the builder is given none: Test Testsson, TSTNMT2321000156-1024. */
    Holder DEFAULT_HOLDER = new Holder("Test", "Testsson", "TSTNMT2321000156-1024", "tstnmt1024@test.siths.se");

    static Builder builder() {
        return new Builder();
    }

    /** The default answer to reset ({@value #ATR_HEX}, an IDPrime 940). */
    static byte[] atr() {
        return HexFormat.of().parseHex(ATR_HEX);
    }

    /** The ATR this card presents, the same whatever the power state; it decides the key layout too. */
    PublishedAtr presentedAtr();

    /** Powers the card on (cold reset): clears PIN verification and the security environment. */
    byte[] powerOn();

    /** Powers the card off: clears PIN verification. Transmits fail until the next power on. */
    void powerOff();

    /** Warm reset: clears PIN verification and the security environment; the card stays powered. */
    byte[] reset();

    /** Whether the card is powered. */
    boolean isPoweredOn();

    /**
     * Answers one command APDU (short length; case 4 commands may arrive without Le, as T=0 sends them).
     *
     * @return response data followed by the two status bytes
     * @throws IllegalStateException when the card is powered off
     */
    byte[] transmit(byte[] command);

    /** Adds a listener for answered commands. */
    void addListener(ApduListener listener);

    /** Removes a listener added before. */
    void removeListener(ApduListener listener);

    /** How many commands with this INS byte the card has answered since it was built (e.g. 0x20 VERIFY). */
    long commandCount(int ins);

    /** The card holder. */
    Holder holder();

    /** The authentication certificate (file 0301). */
    X509Certificate authenticationCertificate();

    /** The signature certificate (file 0302). */
    X509Certificate signatureCertificate();

    /** The 16-byte card id (file 0201), as OpenSC shows it as serial number: hex. */
    String serialNumber();

    /** Tries left of a PIN or the PUK (0 = blocked). */
    int triesLeft(int reference);

    /** Copies of the current PINs and PUK; close the result to wipe them. */
    CardSecrets secrets();

    /** Whether this instance created the card (a first run) rather than loading it from the state folder. */
    boolean createdNow();

    /** Configures and opens a {@link VirtualSithsCard}. Not thread-safe; use once. */
    final class Builder {
        private Path stateFolder;
        private TestPki pki;
        private Holder holder = DEFAULT_HOLDER;
        private SecureRandom random = new SecureRandom();
        private char[] identificationPin;
        private char[] signaturePin;
        private char[] puk;
        private PublishedAtr atr = PublishedAtr.IDPRIME_940;

        private Builder() {
        }

        /**
         * Presents this ATR instead of the 940's, for a created or a loaded card alike (it is not saved): tests
         * insert an 840-like or a T=1 card this way. An 840 ATR gives the 840's key layout as well.
         */
        public Builder withAtr(PublishedAtr atr) {
            this.atr = Objects.requireNonNull(atr, "atr");
            return this;
        }

        /** Keep the card's state in this folder (created when missing); without one it lives in memory. */
        public Builder withStateFolder(Path folder) {
            this.stateFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * The PKI that issues the card's certificates. Needed to create a card; when a loaded card's
         * certificates were not issued by this PKI, they are re-issued for the same keys and saved.
         */
        public Builder withPki(TestPki pki) {
            this.pki = Objects.requireNonNull(pki, "pki");
            return this;
        }

        /** The holder of a card created now (ignored when the card is loaded). */
        public Builder withHolder(Holder holder) {
            this.holder = Objects.requireNonNull(holder, "holder");
            return this;
        }

        /** Randomness for keys, PINs and the card id. */
        public Builder withRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * PINs and PUK for a card created now, instead of random ones (tests). The builder copies them;
         * the caller wipes its arrays.
         *
         * @throws IllegalArgumentException when a PIN is not 6-16 digits or the PUK not 8 digits
         */
        public Builder withInitialSecrets(char[] identificationPin, char[] signaturePin, char[] puk) {
            requireDigits(identificationPin, 6, 16, "identification PIN");
            requireDigits(signaturePin, 6, 16, "signature PIN");
            requireDigits(puk, 8, 8, "PUK");
            this.identificationPin = identificationPin.clone();
            this.signaturePin = signaturePin.clone();
            this.puk = puk.clone();
            return this;
        }

        /**
         * Loads the card from the state folder, or creates it (new keys, certificates, PINs, PUK) when the
         * folder holds none or no folder was given.
         *
         * @throws VirtualCardException when the state cannot be read or written
         * @throws IllegalStateException when a card must be created or re-certified and no PKI was given
         */
        public VirtualSithsCard openOrCreate() {
            return open(false);
        }

        /** Deletes any card in the state folder and creates a new one, see {@link #openOrCreate()}. */
        public VirtualSithsCard createFresh() {
            return open(true);
        }

        private VirtualSithsCard open(boolean fresh) {
            try {
                Optional<Path> folder = Optional.ofNullable(stateFolder);
                if (fresh) {
                    folder.ifPresent(CardState::delete);
                }
                Optional<CardState> loaded = folder.flatMap(CardState::load);
                if (loaded.isPresent()) {
                    CardState state = loaded.get();
                    if (pki != null) {
                        state.certifyBy(pki);
                    }
                    return new IdPrimeCard(state, random, false, atr);
                }
                if (pki == null) {
                    throw new IllegalStateException("creating a virtual card needs a test PKI (withPki)");
                }
                CardState created = identificationPin != null
                        ? CardState.create(folder, pki, holder, random, identificationPin, signaturePin, puk)
                        : CardState.create(folder, pki, holder, random);
                return new IdPrimeCard(created, random, true, atr);
            } finally {
                wipe(identificationPin);
                wipe(signaturePin);
                wipe(puk);
            }
        }

        private static void wipe(char[] secret) {
            if (secret != null) {
                java.util.Arrays.fill(secret, '\0');
            }
        }

        private static void requireDigits(char[] value, int min, int max, String what) {
            Objects.requireNonNull(value, what);
            boolean digits = value.length >= min && value.length <= max;
            for (char c : value) {
                digits &= c >= '0' && c <= '9';
            }
            if (!digits) {
                throw new IllegalArgumentException(what + " must be " + min + "-" + max + " digits");
            }
        }
    }
}
