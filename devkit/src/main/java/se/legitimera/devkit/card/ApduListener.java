package se.legitimera.devkit.card;

/**
 * Observes the commands a {@link VirtualSithsCard} answers. Called on the thread that called
 * {@link VirtualSithsCard#transmit(byte[])}, after the answer is ready and before it is returned; must
 * not block and must not call back into the card.
 */
@FunctionalInterface
public interface ApduListener {

    void answered(ApduEvent event);
}
