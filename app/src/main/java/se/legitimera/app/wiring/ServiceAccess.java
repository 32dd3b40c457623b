package se.legitimera.app.wiring;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.legitimera.app.settings.ServiceEndpoint;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;
import se.legitimera.oob.OobClientBuilder;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.SpkiPin;

/**
 * Which authentication services the OOB client may contact and how it trusts them, as the settings and
 * machine policy say: the origins in {@code service.allowed-origins} plus the selected environment's
 * service, that service's pinned keys ({@code environment.<env>.pins}), and the system's trust store.
 *
 * @param allowedOrigins the service origins a {@code legitimera://} link may name, in settings order
 * @param pinnedKeys     pinned SubjectPublicKeyInfo hashes per origin; an origin without pins relies on the
 *                       system's CA trust alone
 * @param problems       entries that could not be used (no HTTPS origin), in words for the log
 */
public record ServiceAccess(List<ServiceOrigin> allowedOrigins, Map<ServiceOrigin, List<SpkiPin>> pinnedKeys,
                            List<String> problems) {

    public ServiceAccess {
        allowedOrigins = List.copyOf(allowedOrigins);
        pinnedKeys = Map.copyOf(pinnedKeys);
        problems = List.copyOf(problems);
    }

    /** Reads the allowed origins and pins from merged settings; never fails, unusable entries become problems. */
    public static ServiceAccess of(Settings settings) {
        Set<ServiceOrigin> origins = new LinkedHashSet<>();
        Map<ServiceOrigin, List<SpkiPin>> pins = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (URI allowed : settings.get(SettingKey.ALLOWED_ORIGINS).value()) {
            origin(allowed).ifPresentOrElse(origins::add, () -> problems.add(
                    SettingKey.ALLOWED_ORIGINS.name() + ": not an https origin, ignored: " + allowed));
        }
        Optional<ServiceEndpoint> endpoint = settings.serviceEndpoint();
        endpoint.ifPresent(service -> origin(service.url()).ifPresentOrElse(origin -> {
            origins.add(origin);
            if (!service.pins().isEmpty()) {
                pins.put(origin, service.pins());
            }
        }, () -> problems.add("the " + service.environment().settingName()
                + " service URL is not https, logins there are refused: " + service.url())));
        return new ServiceAccess(List.copyOf(origins), pins, problems);
    }

    /**
     * The service the settings select, with its path (a protocol 1.1 service under a path, such as a Keycloak
     * realm's {@code /realms/<realm>/legitimera}, has its app API there): where the app waits for logins and
     * what the diagnostics check. Empty when none is selected or its URL is no plain https service URL.
     */
    public static Optional<ServiceOrigin> selectedService(Settings settings) {
        return settings.serviceEndpoint().flatMap(endpoint -> {
            try {
                return Optional.of(ServiceOrigin.parseServiceUrl(endpoint.url().toString()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Configures a client builder: these origins and pins, and the system's trust store. */
    public OobClientBuilder applyTo(OobClientBuilder builder) {
        builder.withAllowedOrigins(allowedOrigins).withSystemTrustStore(true);
        pinnedKeys.forEach(builder::withPinnedKeys);
        return builder;
    }

    private static Optional<ServiceOrigin> origin(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(new ServiceOrigin(url.getHost(), url.getPort() == -1 ? 443 : url.getPort()));
    }
}
