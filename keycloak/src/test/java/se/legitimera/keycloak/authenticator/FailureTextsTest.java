package se.legitimera.keycloak.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.legitimera.oob.server.HintCode;

class FailureTextsTest {

    @Test
    void everyFailureHintCode_hasItsOwnText_andPendingOrUnknownOnesTheGenericOne() {
        for (HintCode hint : HintCode.values()) {
            FailureTexts text = FailureTexts.forHint(Optional.of(hint));
            if (hint.pending()) {
                assertThat(text).isEqualTo(FailureTexts.UNKNOWN_FAILURE);
            } else {
                assertThat(text.id()).as(hint.code()).isEqualTo(hint.code());
            }
        }
        assertThat(FailureTexts.forHint(Optional.empty())).isEqualTo(FailureTexts.UNKNOWN_FAILURE);
    }

    @Test
    void swedishAndEnglish_haveExactlyTheKeysThePageAndTheTableUse() throws Exception {
        Set<String> used = new TreeSet<>();
        Arrays.stream(FailureTexts.values()).map(FailureTexts::messageKey).forEach(used::add);
        String template = resource("/theme-resources/templates/legitimera-login.ftl");
        Matcher keys = Pattern.compile("msg\\(\"(legitimera[A-Za-z]+)\"").matcher(template);
        while (keys.find()) {
            used.add(keys.group(1));
        }
        Matcher instruction = Pattern.compile("msg\\(\"(legitimera[A-Za-z]+)\", ").matcher(template);
        while (instruction.find()) {
            used.add(instruction.group(1));
        }

        for (String language : new String[] {"sv", "en"}) {
            Properties messages = new Properties();
            messages.load(new InputStreamReader(stream("/theme-resources/messages/messages_" + language + ".properties"),
                    StandardCharsets.UTF_8));
            assertThat(messages.stringPropertyNames()).as(language).containsExactlyInAnyOrderElementsOf(used);
        }
    }

    @Test
    void theSwedishPage_saysForsokIgen() throws Exception {
        Properties messages = new Properties();
        messages.load(new InputStreamReader(stream("/theme-resources/messages/messages_sv.properties"), StandardCharsets.UTF_8));
        assertThat(messages.getProperty("legitimeraRetry")).isEqualTo("Försök igen");
        assertThat(messages.getProperty("legitimeraOpenApp")).isEqualTo("Öppna Legitimera");
    }

    private static InputStream stream(String name) {
        InputStream in = FailureTextsTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
