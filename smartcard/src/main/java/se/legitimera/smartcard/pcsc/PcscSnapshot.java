package se.legitimera.smartcard.pcsc;

import java.util.List;
import java.util.Objects;

/**
 * The PC/SC service and its readers at one moment.
 *
 * @param serviceAvailable whether the PC/SC service (pcscd, SCardSvr) answered
 * @param readers          reader names in the order the service lists them; empty when unavailable
 * @param problem          why the service is unavailable, for diagnostics; empty when available
 */
public record PcscSnapshot(boolean serviceAvailable, List<String> readers, String problem) {

    public PcscSnapshot {
        readers = List.copyOf(readers);
        Objects.requireNonNull(problem, "problem");
    }

    static PcscSnapshot available(List<String> readers) {
        return new PcscSnapshot(true, readers, "");
    }

    static PcscSnapshot unavailable(String problem) {
        return new PcscSnapshot(false, List.of(), problem);
    }
}
