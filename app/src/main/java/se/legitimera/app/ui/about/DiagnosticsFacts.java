package se.legitimera.app.ui.about;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the about window and the diagnostics export report. Collected in the composition root from the
 * libraries; a part the libraries cannot tell yet is empty, and the report says it is not known.
 *
 * @param appVersion     Legitimera's version
 * @param javaRuntime    the Java runtime's version and vendor
 * @param javaFxVersion  JavaFX's version
 * @param operatingSystem name, version and architecture
 * @param pcscAvailable  whether the PC/SC service answered
 * @param pcscProblem    why it did not, empty when it did
 * @param readers        the readers with what is in them
 * @param pkcs11Modules  PKCS#11 modules found on this machine (path, maker and version), empty when unknown
 * @param service        how the authentication service answered over the app's own TLS; empty when none is
 *                       configured
 */
public record DiagnosticsFacts(String appVersion, String javaRuntime, String javaFxVersion, String operatingSystem,
                               boolean pcscAvailable, String pcscProblem, List<Reader> readers,
                               Optional<List<String>> pkcs11Modules, Optional<Service> service) {

    /** What the service check found, as the report words it. */
    public enum Reachability {
        REACHED_PIN_MATCHED, REACHED_NOT_PINNED, PIN_MISMATCH, CERTIFICATE_UNTRUSTED, UNREACHABLE, NOT_ALLOWED
    }

    /**
     * The authentication service as the app reaches it.
     *
     * @param origin  the service's origin
     * @param state   what the check found
     * @param detail  the HTTP status or the failure, for support
     */
    public record Service(String origin, Reachability state, String detail) {
        public Service {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A reader and its card.
     *
     * @param name        the reader's PC/SC name
     * @param atr         the card's ATR in hex, empty when no card or not known
     * @param cardProfile the card profile chosen by ATR ("SITHS 940"), empty when no card or not known
     */
    public record Reader(String name, Optional<String> atr, Optional<String> cardProfile) {
        public Reader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(atr, "atr");
            Objects.requireNonNull(cardProfile, "cardProfile");
        }
    }

    public DiagnosticsFacts {
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(javaRuntime, "javaRuntime");
        Objects.requireNonNull(javaFxVersion, "javaFxVersion");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        Objects.requireNonNull(pcscProblem, "pcscProblem");
        readers = List.copyOf(readers);
        pkcs11Modules = pkcs11Modules.map(List::copyOf);
        Objects.requireNonNull(service, "service");
    }
}
