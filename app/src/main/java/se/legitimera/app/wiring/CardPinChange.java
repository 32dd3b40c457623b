package se.legitimera.app.wiring;

import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.pin.PinChangeAction;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.SmartcardException;

/** The PIN change dialog's {@link PinChangeAction} over the active card (CHANGE REFERENCE DATA by APDU). */
public final class CardPinChange implements PinChangeAction {

    private final CardMonitor monitor;
    private final ActiveCard active;
    private final IdentificationPinCache pins;

    /** @param pins forgets its kept identification PIN when that PIN is changed */
    public CardPinChange(CardMonitor monitor, ActiveCard active, IdentificationPinCache pins) {
        this.monitor = monitor;
        this.active = active;
        this.pins = pins;
    }

    @Override
    public Outcome change(PinRole role, char[] currentPin, char[] newPin) {
        CardStatus card = active.status().orElse(null);
        if (card == null) {
            return new Outcome.NoCard();
        }
        if (role == PinRole.IDENTIFICATION) {
            // Whatever the card answers, a kept PIN may be the old one now: never spend a try on it.
            pins.forget();
        }
        try {
            return PinOutcomes.of(monitor.pins(card.reader()).change(PinStatuses.kind(role), currentPin, newPin));
        } catch (SmartcardException e) {
            return PinOutcomes.of(e);
        }
    }
}
