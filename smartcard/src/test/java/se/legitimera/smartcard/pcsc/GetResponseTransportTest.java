package se.legitimera.smartcard.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.api.ApduTransport;

class GetResponseTransportTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final List<String> sent = new ArrayList<>();

    private ApduTransport card(Map<String, String> answers) {
        return command -> {
            String hex = HEX.formatHex(command);
            sent.add(hex);
            return HEX.parseHex(answers.get(hex));
        };
    }

    @Test
    void when61xx_thenGetResponseCollectsAllData() throws Exception {
        ApduTransport transport = GetResponseTransport.wrap(card(Map.of(
                "00CA9F7F2D", "6104",
                "00C0000004", "AABBCCDD6102",
                "00C0000002", "EEFF9000")));
        assertThat(HEX.formatHex(transport.transmit(HEX.parseHex("00CA9F7F2D")))).isEqualTo("AABBCCDDEEFF9000");
        assertThat(sent).containsExactly("00CA9F7F2D", "00C0000004", "00C0000002");
    }

    @Test
    void when6Cxx_thenCommandIsResentWithThatLe() throws Exception {
        ApduTransport transport = GetResponseTransport.wrap(card(Map.of(
                "00B0000000", "6C03",
                "00B0000003", "0102039000")));
        assertThat(HEX.formatHex(transport.transmit(HEX.parseHex("00B0000000")))).isEqualTo("0102039000");
    }

    @Test
    void whenAnswerIsFinal_thenPassedThroughUnchanged() throws Exception {
        ApduTransport transport = GetResponseTransport.wrap(card(Map.of("00200011", "63C3")));
        assertThat(HEX.formatHex(transport.transmit(HEX.parseHex("00200011")))).isEqualTo("63C3");
        assertThat(sent).hasSize(1);
    }
}
