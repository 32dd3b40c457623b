package se.legitimera.smartcard.pkcs11;

/**
 * A slot of a module (C_GetSlotInfo). For smart-card middleware a slot is a reader, and
 * {@code description} is the reader's name.
 */
public record SlotInfo(long slotId, String description, String manufacturer, boolean tokenPresent,
        boolean removable, boolean hardware) {
}
