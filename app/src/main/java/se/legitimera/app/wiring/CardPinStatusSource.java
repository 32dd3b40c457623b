package se.legitimera.app.wiring;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.app.ui.pin.PinStatusSource;
import se.legitimera.app.ui.pin.PinStatusUnavailableException;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.TriesLeft;

/**
 * The PIN dialogs' {@link PinStatusSource} over the active card: reads each counter afresh with an empty
 * VERIFY, which costs no try, so a dialog never shows a count another program has made stale.
 */
public final class CardPinStatusSource implements PinStatusSource {

    private final CardMonitor monitor;
    private final ActiveCard active;

    public CardPinStatusSource(CardMonitor monitor, ActiveCard active) {
        this.monitor = monitor;
        this.active = active;
    }

    @Override
    public List<PinStatus> read() throws PinStatusUnavailableException {
        CardStatus card = active.status().orElseThrow(() -> new PinStatusUnavailableException(new Outcome.NoCard()));
        if (!card.profile().supportsPinApdus()) {
            throw new PinStatusUnavailableException(new Outcome.NotSupported());
        }
        PinOperations pins = monitor.pins(card.reader());
        try {
            Map<PinKind, TriesLeft> tries = new EnumMap<>(PinKind.class);
            for (PinSpec spec : card.profile().pins()) {
                tries.put(spec.kind(), pins.triesLeft(spec.kind()));
            }
            Optional<TriesLeft> puk = pins.pukTriesLeft();
            return PinStatuses.of(card.profile(), tries, puk);
        } catch (SmartcardException e) {
            throw new PinStatusUnavailableException(PinOutcomes.of(e));
        }
    }
}
