package se.legitimera.smartcard.pcsc;

import java.time.Duration;
import java.util.Objects;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.profile.CardProfiles;

/**
 * Configures a {@link CardMonitor}; obtain one with {@link CardMonitor#builder()}. Not thread-safe.
 */
public final class CardMonitorBuilder {

    private TerminalSource source = TerminalSource.pcsc();
    private CardProfiles profiles;
    private Duration pollInterval = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(2);

    /** Use {@link CardMonitor#builder()}. */
    public CardMonitorBuilder() {
    }

    /** Where readers come from; default {@link TerminalSource#pcsc()}. */
    public CardMonitorBuilder withTerminalSource(TerminalSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /** The ATR to profile table; default {@link CardProfiles#builtIn()}. */
    public CardMonitorBuilder withProfiles(CardProfiles profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        return this;
    }

    /**
     * Longest wait between two looks at the service when nothing wakes the monitor earlier; bounds how
     * late a change is seen with sources that do not signal changes. Default 250 ms; 20 ms to 1 s.
     */
    public CardMonitorBuilder withPollInterval(Duration interval) {
        this.pollInterval = requireBetween(interval, Duration.ofMillis(20), Duration.ofSeconds(1), "poll interval");
        return this;
    }

    /**
     * Longest pause between attempts to reach a service that is down (starting at the poll interval,
     * doubling). Default 2 s; 100 ms to 1 min.
     */
    public CardMonitorBuilder withMaxBackoff(Duration backoff) {
        this.maxBackoff = requireBetween(backoff, Duration.ofMillis(100), Duration.ofMinutes(1), "back-off");
        return this;
    }

    /** A monitor with this configuration, not yet started. */
    public CardMonitor build() {
        return new PcscCardMonitor(source, profiles == null ? CardProfiles.builtIn() : profiles, pollInterval,
                maxBackoff.compareTo(pollInterval) < 0 ? pollInterval : maxBackoff);
    }

    private static Duration requireBetween(Duration value, Duration min, Duration max, String what) {
        Objects.requireNonNull(value, what);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
