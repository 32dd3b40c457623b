package se.legitimera.keycloak.config;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.legitimera.oob.server.OcspMode;

/**
 * The authenticator's configuration (admin console: Authentication, the flow, the Legitimera step's
 * settings; realm JSON: {@code authenticatorConfig}), read and checked in one place.
 *
 * @param trustedRoots        root CAs holder certificates must chain to (PEM, one or more)
 * @param intermediates       issuing CAs that complete a proof whose {@code x5c} lacks them (PEM, may be empty)
 * @param trustLevels         certificate policy OID to trust level 1..4
 * @param acrByLevel          trust level to the {@code acr} value tokens carry (Swedish LoA URIs by default)
 * @param ocspMode            off, fail closed or fail open
 * @param ocspResponder       a responder to ask instead of each certificate's AIA, if set
 * @param orderLifetime       how long an order waits for the app
 * @param clockSkew           allowed clock difference of the app's proof
 * @param userAttribute       the user attribute that holds the HSA-id ({@code hsaId}; LDAP federation can fill it)
 * @param unknownUser         what to do with an HSA-id no user has
 * @param signingAlgorithm    the realm key algorithm orders are signed with
 * @param appPollInterval     how often a waiting app asks for orders addressed to its card holder
 */
public record LegitimeraConfig(List<X509Certificate> trustedRoots, List<X509Certificate> intermediates,
                               Map<String, Integer> trustLevels, Map<Integer, String> acrByLevel, OcspMode ocspMode,
                               Optional<URI> ocspResponder, Duration orderLifetime, Duration clockSkew,
                               String userAttribute, UnknownUserPolicy unknownUser, String signingAlgorithm,
                               Duration appPollInterval) {

    public static final String TRUSTED_ROOTS = "legitimera.trustedRoots";
    public static final String INTERMEDIATES = "legitimera.intermediates";
    public static final String TRUST_LEVELS = "legitimera.trustLevels";
    public static final String ACR_VALUES = "legitimera.acrValues";
    public static final String OCSP_MODE = "legitimera.ocspMode";
    public static final String OCSP_RESPONDER = "legitimera.ocspResponder";
    public static final String ORDER_LIFETIME = "legitimera.orderLifetimeSeconds";
    public static final String CLOCK_SKEW = "legitimera.clockSkewSeconds";
    public static final String USER_ATTRIBUTE = "legitimera.userAttribute";
    public static final String UNKNOWN_USER = "legitimera.unknownUser";
    public static final String SIGNING_ALGORITHM = "legitimera.orderSigningAlgorithm";
    public static final String APP_POLL_INTERVAL = "legitimera.appPollIntervalSeconds";

    /** The Swedish LoA URI for a trust level: {@code http://id.elegnamnden.se/loa/1.0/loa<n>}. */
    public static String swedishLoaUri(int level) {
        return "http://id.elegnamnden.se/loa/1.0/loa" + level;
    }

    /** What happens when a verified card's HSA-id belongs to no user. */
    public enum UnknownUserPolicy {
        /** A clear page says the card holder has no account here. */
        REFUSE,
        /** A user is created from the certificate: username = HSA-id, first and last name from the subject. */
        CREATE
    }

    public LegitimeraConfig {
        trustedRoots = List.copyOf(trustedRoots);
        intermediates = List.copyOf(intermediates);
        trustLevels = Map.copyOf(trustLevels);
        acrByLevel = Map.copyOf(acrByLevel);
        if (trustedRoots.isEmpty()) {
            throw new IllegalArgumentException("no trusted root CA configured: no card could ever log in");
        }
    }

    /**
     * Reads a configuration map.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static LegitimeraConfig parse(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<X509Certificate> roots = certificates(c.get(TRUSTED_ROOTS), "trusted root CAs");
        List<X509Certificate> intermediates = certificates(c.get(INTERMEDIATES), "intermediate CAs");
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : pairs(c.get(TRUST_LEVELS), "trust-level table").entrySet()) {
            if (!entry.getKey().matches("[0-2](\\.\\d+)+")) {
                throw new IllegalArgumentException("trust-level table: not an OID: " + entry.getKey());
            }
            levels.put(entry.getKey(), level(entry.getValue(), "trust-level table"));
        }
        Map<Integer, String> acr = new TreeMap<>();
        for (int level = 1; level <= 4; level++) {
            acr.put(level, swedishLoaUri(level));
        }
        for (Map.Entry<String, String> entry : pairs(c.get(ACR_VALUES), "acr table").entrySet()) {
            acr.put(level(entry.getKey(), "acr table"), entry.getValue());
        }
        OcspMode ocsp = switch (c.getOrDefault(OCSP_MODE, "failClosed").trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OcspMode.OFF;
            case "failclosed", "" -> OcspMode.FAIL_CLOSED;
            case "failopen" -> OcspMode.FAIL_OPEN;
            default -> throw new IllegalArgumentException("OCSP mode must be off, failClosed or failOpen: " + c.get(OCSP_MODE));
        };
        Optional<URI> responder = Optional.ofNullable(c.get(OCSP_RESPONDER)).map(String::trim).filter(s -> !s.isEmpty())
                .map(URI::create);
        Duration lifetime = seconds(c.get(ORDER_LIFETIME), 120, 10, 3600, "order lifetime");
        Duration skew = seconds(c.get(CLOCK_SKEW), 30, 0, 600, "clock skew");
        String attribute = Optional.ofNullable(c.get(USER_ATTRIBUTE)).map(String::trim).filter(s -> !s.isEmpty())
                .orElse("hsaId");
        UnknownUserPolicy unknown = switch (c.getOrDefault(UNKNOWN_USER, "refuse").trim().toLowerCase(Locale.ROOT)) {
            case "refuse", "" -> UnknownUserPolicy.REFUSE;
            case "create" -> UnknownUserPolicy.CREATE;
            default -> throw new IllegalArgumentException("unknown-user policy must be refuse or create: " + c.get(UNKNOWN_USER));
        };
        String algorithm = c.getOrDefault(SIGNING_ALGORITHM, "RS256").trim().toUpperCase(Locale.ROOT);
        if (!List.of("ES256", "ES384", "RS256", "PS256").contains(algorithm)) {
            throw new IllegalArgumentException("order-signing algorithm must be ES256, ES384, RS256 or PS256: " + algorithm);
        }
        // Keycloak answers each poll at once (it holds no request open): this is the load every waiting app adds
        Duration pollInterval = seconds(c.get(APP_POLL_INTERVAL), 3, 2, 30, "app poll interval");
        return new LegitimeraConfig(roots, intermediates, levels, acr, ocsp, responder, lifetime, skew, attribute,
                unknown, algorithm, pollInterval);
    }

    /**
     * The lowest trust level that satisfies one of the requested {@code acr} values: a value of the acr table,
     * a Swedish LoA URI or a bare level 1..4. Values that name no level are ignored (Keycloak's own acr
     * handling may still use them).
     */
    public Optional<Integer> requestedLevel(Collection<String> acrValues) {
        Integer lowest = null;
        for (String value : acrValues) {
            Integer level = null;
            for (Map.Entry<Integer, String> entry : acrByLevel.entrySet()) {
                if (entry.getValue().equals(value)) {
                    level = entry.getKey();
                }
            }
            if (level == null && value.matches("[1-4]")) {
                level = Integer.parseInt(value);
            }
            if (level != null && (lowest == null || level < lowest)) {
                lowest = level;
            }
        }
        return Optional.ofNullable(lowest);
    }

    private static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> result = new ArrayList<>();
        if (pem == null || pem.isBlank()) {
            return result;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var certificate : factory.generateCertificates(
                    new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)))) {
                result.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + ": not PEM certificates (" + e.getMessage() + ")", e);
        }
        return result;
    }

    /** Lines (or {@code ##}-separated entries, as the admin console's multivalued fields store them) of {@code key=value}. */
    private static Map<String, String> pairs(String text, String what) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String line : text.split("\\R|##|,")) {
            String entry = line.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int separator = entry.indexOf('=');
            if (separator <= 0 || separator == entry.length() - 1) {
                throw new IllegalArgumentException(what + ": expected key=value, got " + entry);
            }
            result.put(entry.substring(0, separator).trim(), entry.substring(separator + 1).trim());
        }
        return result;
    }

    private static int level(String text, String what) {
        try {
            int level = Integer.parseInt(text.trim());
            if (level >= 1 && level <= 4) {
                return level;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + ": a trust level is 1 to 4, not " + text);
    }

    private static Duration seconds(String text, int fallback, int min, int max, String what) {
        if (text == null || text.isBlank()) {
            return Duration.ofSeconds(fallback);
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be " + min + " to " + max + " seconds, not " + text);
    }
}
