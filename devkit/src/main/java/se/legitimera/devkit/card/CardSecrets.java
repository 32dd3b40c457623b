package se.legitimera.devkit.card;

import java.util.Arrays;

/**
 * The current PINs and PUK of a virtual test card, handed out so that tests and the devkit's
 * {@code card} command can use and show them. Copies: {@link #close()} wipes them.
 */
public final class CardSecrets implements AutoCloseable {

    private final char[] identificationPin;
    private final char[] signaturePin;
    private final char[] puk;

    CardSecrets(char[] identificationPin, char[] signaturePin, char[] puk) {
        this.identificationPin = identificationPin.clone();
        this.signaturePin = signaturePin.clone();
        this.puk = puk.clone();
    }

    /** The identification PIN ("legitimeringskod", reference 0x11); the array itself, wiped by close. */
    public char[] identificationPin() {
        return identificationPin;
    }

    /** The signature PIN ("underskriftskod", reference 0x83); the array itself, wiped by close. */
    public char[] signaturePin() {
        return signaturePin;
    }

    /** The 8-digit PUK (reference 0x81); the array itself, wiped by close. */
    public char[] puk() {
        return puk;
    }

    @Override
    public void close() {
        Arrays.fill(identificationPin, '\0');
        Arrays.fill(signaturePin, '\0');
        Arrays.fill(puk, '\0');
    }

    @Override
    public String toString() {
        return "CardSecrets[****]";
    }
}
