package se.legitimera.app.wiring;

import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.pin.PinChangeAction;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinUnblockAction;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.SmartcardException;

/**
 * The PIN dialogs' actions over the active card, by APDU: change a PIN (CHANGE REFERENCE DATA) and set a
 * new one with the PUK (RESET RETRY COUNTER).
 */
public final class CardPinUpdates implements PinChangeAction, PinUnblockAction {

    private final CardMonitor monitor;
    private final ActiveCard active;
    private final IdentificationPinCache pins;

    /** @param pins forgets its kept identification PIN when that PIN is changed or set anew */
    public CardPinUpdates(CardMonitor monitor, ActiveCard active, IdentificationPinCache pins) {
        this.monitor = monitor;
        this.active = active;
        this.pins = pins;
    }

    @Override
    public Outcome change(PinRole role, char[] currentPin, char[] newPin) {
        return onActiveCard(role, card -> card.change(PinStatuses.kind(role), currentPin, newPin));
    }

    @Override
    public Outcome unblock(PinRole role, char[] puk, char[] newPin) {
        return onActiveCard(role, card -> card.unblock(PinStatuses.kind(role), puk, newPin));
    }

    @FunctionalInterface
    private interface PinUpdate {
        PinResult apply(PinOperations card) throws SmartcardException;
    }

    private Outcome onActiveCard(PinRole role, PinUpdate update) {
        CardStatus card = active.status().orElse(null);
        if (card == null) {
            return new Outcome.NoCard();
        }
        if (role == PinRole.IDENTIFICATION) {
            // Whatever the card answers, a kept PIN may be the old one now: never spend a try on it.
            pins.forget();
        }
        try {
            return PinOutcomes.of(update.apply(monitor.pins(card.reader())));
        } catch (SmartcardException e) {
            return PinOutcomes.of(e);
        }
    }
}
