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

    public CardPinChange(CardMonitor monitor, ActiveCard active) {
        this.monitor = monitor;
        this.active = active;
    }

    @Override
    public Outcome change(PinRole role, char[] currentPin, char[] newPin) {
        CardStatus card = active.status().orElse(null);
        if (card == null) {
            return new Outcome.NoCard();
        }
        try {
            return PinOutcomes.of(monitor.pins(card.reader()).change(PinStatuses.kind(role), currentPin, newPin));
        } catch (SmartcardException e) {
            return PinOutcomes.of(e);
        }
    }
}
