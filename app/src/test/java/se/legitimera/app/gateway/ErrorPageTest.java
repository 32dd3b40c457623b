package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorPageTest {

    @ParameterizedTest
    @EnumSource(TunnelFailure.class)
    void everyPageSaysItInSwedishFirstThenEnglish(TunnelFailure failure) {
        String response = new String(ErrorPage.response(failure), StandardCharsets.UTF_8);

        assertThat(response).startsWith("HTTP/1.1 " + failure.httpStatus() + " ")
                .contains("Content-Type: text/html; charset=utf-8").contains("Connection: close");
        assertThat(response.indexOf("lang=\"sv\"><h1>" + failure.titleSv()))
                .isPositive().isLessThan(response.indexOf("lang=\"en\"><h1>" + failure.titleEn()));
        int length = Integer.parseInt(response.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        assertThat(length).isEqualTo(ErrorPage.html(failure).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void everyFailureHasItsOwnMessage() {
        Set<String> titles = Arrays.stream(TunnelFailure.values()).map(TunnelFailure::titleSv).collect(Collectors.toSet());
        Set<String> english = Arrays.stream(TunnelFailure.values()).map(TunnelFailure::titleEn).collect(Collectors.toSet());
        assertThat(titles).hasSize(TunnelFailure.values().length);
        assertThat(english).hasSize(TunnelFailure.values().length);
        assertThat(EnumSet.allOf(TunnelFailure.class)).allSatisfy(f -> assertThat(f.textSv()).isNotEqualTo(f.textEn()));
    }
}
