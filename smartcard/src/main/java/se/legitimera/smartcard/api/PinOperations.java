package se.legitimera.smartcard.api;

import java.util.Optional;

/**
 * PIN operations on one card. Nothing here ever retries on its own, and only
 * {@link #triesLeft(PinKind)} and {@link #pukTriesLeft()} send a VERIFY the user did not type (the
 * empty VERIFY, which costs no try).
 *
 * <p>Secrets are passed as {@code char[]} holding ASCII digits. They are copied into APDU buffers that
 * are wiped after sending; the caller still owns, and should wipe, its arrays. Values that do not fit
 * the card's format give {@link PinStatus#INVALID_FORMAT} without reaching the card; use
 * {@code PinPolicy} first to tell the user what is wrong with a new PIN.
 *
 * <p>Methods block while the card works. Implementations from a {@link CardMonitor} run the card I/O
 * on the reader's own thread and may be called from any thread except that one.
 */
public interface PinOperations {

    /**
     * Reads a PIN's retry counter by an empty VERIFY.
     *
     * @throws UnsupportedCardException when the card has no such PIN (by its profile)
     * @throws SmartcardException       when the card cannot be reached or answers unexpectedly
     */
    TriesLeft triesLeft(PinKind kind) throws SmartcardException;

    /**
     * Reads the PUK's retry counter, where the card's profile says how.
     *
     * @return empty when the card does not tell
     * @throws SmartcardException when the card cannot be reached
     */
    Optional<TriesLeft> pukTriesLeft() throws SmartcardException;

    /**
     * Verifies a PIN the user typed. A successful verify leaves the card authenticated until it is reset.
     *
     * @throws SmartcardException when the card cannot be reached before the PIN is sent, or answers
     *                            with a status word no PIN operation knows
     */
    PinResult verify(PinKind kind, char[] pin) throws SmartcardException;

    /**
     * Changes a PIN: the card checks {@code current} and sets {@code newPin} in one command.
     *
     * @throws SmartcardException as for {@link #verify}
     */
    PinResult change(PinKind kind, char[] current, char[] newPin) throws SmartcardException;

    /**
     * Unblocks a PIN with the PUK and sets {@code newPin}. {@link PinStatus#WRONG_PUK} and
     * {@link PinStatus#PUK_BLOCKED} report on the PUK.
     *
     * @throws SmartcardException as for {@link #verify}
     */
    PinResult unblock(PinKind kind, char[] puk, char[] newPin) throws SmartcardException;
}
