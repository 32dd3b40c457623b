package se.legitimera.app.cli;

import java.io.Console;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRequest;

/** Asks for the PIN on the terminal, without echo, each time the tunnel needs the card. */
final class ConsolePin implements PinPrompt {

    private final Console console;

    ConsolePin(Console console) {
        this.console = console;
    }

    @Override
    public char[] askForPin(PinRequest request) throws PinCancelledException {
        synchronized (console) {
            if (request.previousAttemptRefused()) {
                console.printf("Fel PIN-kod / Wrong PIN%s%n", request.triesLeft().isPresent()
                        ? " (" + request.triesLeft().getAsInt() + " försök kvar / tries left)" : "");
            }
            char[] pin = console.readPassword("Legitimeringskod för / identification PIN for %s: ",
                    request.upstreamHost());
            if (pin == null || pin.length == 0) {
                throw new PinCancelledException("No PIN was typed");
            }
            return pin;
        }
    }
}
