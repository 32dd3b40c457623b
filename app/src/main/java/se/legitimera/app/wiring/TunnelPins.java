package se.legitimera.app.wiring;

import java.security.cert.X509Certificate;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRequest;

/** Where a tunnel's card login gets the identification PIN: the prompt, or a PIN the app keeps before it. */
@FunctionalInterface
public interface TunnelPins {

    /** Always asks: the CLI's {@code tunnel run}, which keeps nothing. */
    TunnelPins PROMPT_ONLY = (identification, prompt, request) -> PinLease.typed(prompt.askForPin(request));

    /**
     * The PIN for the card that holds {@code identification}. Blocks while the prompt does.
     *
     * @throws PinCancelledException when the user gives no PIN
     */
    PinLease pinFor(X509Certificate identification, PinPrompt prompt, PinRequest request)
            throws PinCancelledException;
}
