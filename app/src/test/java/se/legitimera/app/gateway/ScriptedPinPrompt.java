package se.legitimera.app.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A person at the PIN prompt who types the given PINs in turn and then cancels; records every request,
 * so that a test can count the prompts and see what each one was told.
 */
final class ScriptedPinPrompt implements PinPrompt {

    private final Deque<char[]> pins = new ArrayDeque<>();
    private final List<PinRequest> requests = new ArrayList<>();

    ScriptedPinPrompt(char[]... pins) {
        for (char[] pin : pins) {
            this.pins.add(pin.clone());
        }
    }

    @Override
    public synchronized char[] askForPin(PinRequest request) throws PinCancelledException {
        requests.add(request);
        char[] pin = pins.poll();
        if (pin == null) {
            throw new PinCancelledException("the test has no more PINs to type");
        }
        return pin;
    }

    synchronized List<PinRequest> requests() {
        return List.copyOf(requests);
    }
}
