package se.legitimera.smartcard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import se.legitimera.smartcard.api.ApduTransport;
import se.legitimera.smartcard.api.CardCommunicationException;
import se.legitimera.smartcard.api.CardRemovedException;

/** A transport that expects exact commands in order and answers from a script; shared by the APDU tests. */
public final class ScriptedTransport implements ApduTransport {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private record Step(String command, String response, boolean removed) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    /** The very arrays the code under test handed over, to check that they were wiped. */
    public final List<byte[]> sent = new ArrayList<>();

    public ScriptedTransport expect(String command, String response) {
        steps.add(new Step(strip(command), strip(response), false));
        return this;
    }

    public ScriptedTransport expectAndRemoveCard(String command) {
        steps.add(new Step(strip(command), "", true));
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardRemovedException, CardCommunicationException {
        sent.add(command);
        assertThat(steps).as("an APDU beyond the script: %s", HEX.formatHex(command)).isNotEmpty();
        Step step = steps.removeFirst();
        assertThat(HEX.formatHex(command)).isEqualTo(step.command);
        if (step.removed) {
            throw new CardRemovedException("scripted removal");
        }
        return HEX.parseHex(step.response);
    }

    public void assertDone() {
        assertThat(steps).as("script steps never sent").isEmpty();
    }

    private static String strip(String hex) {
        return hex.replace(" ", "").toUpperCase();
    }
}
