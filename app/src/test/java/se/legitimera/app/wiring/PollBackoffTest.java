package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PollBackoffTest {

    @Test
    void eachFailure_doublesThePause_upToTheCap() {
        PollBackoff backoff = new PollBackoff(Duration.ofSeconds(2), Duration.ofSeconds(20));

        assertThat(Stream.generate(backoff::nextPause).limit(6).map(Duration::toSeconds))
                .containsExactly(2L, 4L, 8L, 16L, 20L, 20L);
    }

    @Test
    void anAnswer_startsOverAtTheFirstPause() {
        PollBackoff backoff = new PollBackoff(Duration.ofSeconds(2), Duration.ofSeconds(20));
        backoff.nextPause();
        backoff.nextPause();

        backoff.reset();

        assertThat(backoff.nextPause()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theAppsPolicy_startsAtTwoSeconds_andNeverWaitsMoreThanTwoMinutes() {
        PollBackoff backoff = PollBackoff.standard();

        assertThat(backoff.nextPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Stream.generate(backoff::nextPause).limit(20)).allMatch(d -> d.compareTo(Duration.ofMinutes(2)) <= 0)
                .last().isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aCapBelowTheFirstPause_isRefused() {
        assertThatThrownBy(() -> new PollBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
