package se.legitimera.app.ui.pin;

import java.util.List;

/**
 * Reads the PINs of the active card, with their tries left, for the PIN dialogs. Implemented in the
 * composition root over the smartcard library; reading tries left must not cost a try.
 */
@FunctionalInterface
public interface PinStatusSource {

    /**
     * The active card's PINs, identification first. Blocking: called on a worker thread, never the FX thread.
     *
     * @throws PinStatusUnavailableException when no card is inserted or the card cannot be read
     */
    List<PinStatus> read() throws PinStatusUnavailableException;
}
