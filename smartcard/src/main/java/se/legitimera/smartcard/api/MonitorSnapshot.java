package se.legitimera.smartcard.api;

import java.util.List;
import java.util.Objects;

/**
 * The PC/SC service, its readers and their cards at one moment.
 *
 * @param serviceAvailable whether the PC/SC service (pcscd, SCardSvr) answers
 * @param problem          why the service is unavailable; empty when available
 * @param readers          readers in the order the service lists them; empty when unavailable
 */
public record MonitorSnapshot(boolean serviceAvailable, String problem, List<ReaderStatus> readers) {

    public MonitorSnapshot {
        Objects.requireNonNull(problem, "problem");
        readers = List.copyOf(readers);
    }
}
