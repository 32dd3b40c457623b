package se.legitimera.app.wiring;

import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinUnblockAction;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.SmartcardException;

/** The PUK dialog's {@link PinUnblockAction} over the active card (RESET RETRY COUNTER by APDU). */
public final class CardPinUnblock implements PinUnblockAction {

    private final CardMonitor monitor;
    private final ActiveCard active;
    private final IdentificationPinCache pins;

    /** @param pins forgets its kept identification PIN when that PIN is unblocked (set anew) */
    public CardPinUnblock(CardMonitor monitor, ActiveCard active, IdentificationPinCache pins) {
        this.monitor = monitor;
        this.active = active;
        this.pins = pins;
    }

    @Override
    public Outcome unblock(PinRole role, char[] puk, char[] newPin) {
        CardStatus card = active.status().orElse(null);
        if (card == null) {
            return new Outcome.NoCard();
        }
        if (role == PinRole.IDENTIFICATION) {
            // Whatever the card answers, a kept PIN may be the old one now: never spend a try on it.
            pins.forget();
        }
        try {
            return PinOutcomes.of(monitor.pins(card.reader()).unblock(PinStatuses.kind(role), puk, newPin));
        } catch (SmartcardException e) {
            return PinOutcomes.of(e);
        }
    }
}
