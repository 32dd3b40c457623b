package se.legitimera.app.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.legitimera.oob.SpkiPin;

/**
 * One setting: its name in the properties files, how its text is read and written, and its default.
 * Every setting can be set by the user and set (and so locked) by the machine policy; the constants below
 * are all the settings there are. Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class SettingKey<T> {

    /** Which environment's service the app talks to. */
    public static final SettingKey<Environment> ENVIRONMENT = scalar("environment",
            text -> parseEnum(Environment.class, text), Environment::settingName, Environment.PRODUCTION);

    /** The production service endpoint; empty until configured. */
    public static final SettingKey<Optional<URI>> PRODUCTION_URL = endpointUrl(Environment.PRODUCTION);
    /** Pinned service keys of production; empty means the system's CA trust alone. */
    public static final SettingKey<List<SpkiPin>> PRODUCTION_PINS = endpointPins(Environment.PRODUCTION);
    /** The test service endpoint; empty until configured. */
    public static final SettingKey<Optional<URI>> TEST_URL = endpointUrl(Environment.TEST);
    /** Pinned service keys of test. */
    public static final SettingKey<List<SpkiPin>> TEST_PINS = endpointPins(Environment.TEST);
    /** The QA service endpoint; empty until configured. */
    public static final SettingKey<Optional<URI>> QA_URL = endpointUrl(Environment.QA);
    /** Pinned service keys of QA. */
    public static final SettingKey<List<SpkiPin>> QA_PINS = endpointPins(Environment.QA);

    /** When set, replaces the URL of the selected environment (its pins still apply). */
    public static final SettingKey<Optional<URI>> SERVICE_URL = scalar("service.url",
            text -> optional(text, SettingKey::parseServiceUrl), SettingKey::formatOptional, Optional.empty());

    /** Web origins ({@code https://host[:port]}) whose login requests the app accepts; empty accepts none. */
    public static final SettingKey<List<URI>> ALLOWED_ORIGINS = scalar("service.allowed-origins",
            text -> parseList(text, SettingKey::parseOrigin), SettingKey::formatList, List.of());

    /** The PKCS#11 module to use; empty lets the app look for OpenSC and the usual vendor modules. */
    public static final SettingKey<Optional<Path>> PKCS11_MODULE = scalar("pkcs11.module",
            text -> optional(text, SettingKey::parseModulePath), SettingKey::formatOptional, Optional.empty());

    /** The user interface language; by default Swedish when the OS speaks Swedish, else English. */
    public static final SettingKey<Language> LANGUAGE = new SettingKey<>("language", false,
            text -> parseEnum(Language.class, text), language -> language.name().toLowerCase(Locale.ROOT),
            Language::matching);

    /** Whether the tray app starts when the user logs in. */
    public static final SettingKey<Boolean> START_AT_LOGIN = scalar("start-at-login",
            SettingKey::parseBoolean, String::valueOf, Boolean.TRUE);

    /** Minutes the identification PIN is kept in memory after use; 0 (the default) never keeps it. */
    public static final SettingKey<Integer> PIN_CACHE_MINUTES = scalar("pin-cache.minutes",
            text -> parseInt(text, 0, 480), String::valueOf, 0);

    /**
     * Whether the app waits for logins addressed to the card holder (protocol section 5: a card-signed poll
     * session at the selected service, for VDI and thin clients where a browser's link cannot reach the
     * app); off by default.
     */
    public static final SettingKey<Boolean> WAIT_FOR_LOGINS = scalar("wait-for-logins",
            SettingKey::parseBoolean, String::valueOf, Boolean.FALSE);

    /**
     * Certificate policy OIDs and the trust level each stands for, e.g. {@code 1.2.752.29.4.13.3.1=3}; they
     * come before the built-in (unconfirmed) table.
     */
    public static final SettingKey<List<TrustLevelPolicy>> TRUST_LEVELS = scalar("trust-levels",
            text -> parseCommaList(text, TrustLevelPolicy::parse), SettingKey::formatList, List.of());

    /** How much the app logs. */
    public static final SettingKey<LogLevel> LOG_LEVEL = scalar("log.level",
            text -> parseEnum(LogLevel.class, text), LogLevel::name, LogLevel.INFO);

    /**
     * The mTLS tunnels, written as {@code tunnel.<name>.local-port}, {@code tunnel.<name>.upstream},
     * {@code tunnel.<name>.mode}, {@code tunnel.<name>.trust} (PEM files of extra upstream CAs, absolute paths
     * separated by commas) and {@code tunnel.<name>.autostart} (default true). One setting: when the policy
     * defines any tunnel, the list is the policy's.
     */
    public static final SettingKey<List<Tunnel>> TUNNELS = new SettingKey<>("tunnel", true,
            null, null, locale -> List.of());

    private static final List<SettingKey<?>> ALL = List.of(ENVIRONMENT, PRODUCTION_URL, PRODUCTION_PINS,
            TEST_URL, TEST_PINS, QA_URL, QA_PINS, SERVICE_URL, ALLOWED_ORIGINS, PKCS11_MODULE, LANGUAGE,
            START_AT_LOGIN, PIN_CACHE_MINUTES, WAIT_FOR_LOGINS, TRUST_LEVELS, LOG_LEVEL, TUNNELS);

    private static final Pattern TUNNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final List<String> TUNNEL_FIELDS = List.of("local-port", "upstream", "mode", "trust", "autostart");

    private final String name;
    private final boolean group;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final Function<Locale, T> defaultValue;

    private SettingKey(String name, boolean group, Function<String, T> parser, Function<T, String> formatter,
            Function<Locale, T> defaultValue) {
        this.name = name;
        this.group = group;
        this.parser = parser;
        this.formatter = formatter;
        this.defaultValue = defaultValue;
    }

    private static <T> SettingKey<T> scalar(String name, Function<String, T> parser, Function<T, String> formatter,
            T defaultValue) {
        return new SettingKey<>(name, false, parser, formatter, locale -> defaultValue);
    }

    private static SettingKey<Optional<URI>> endpointUrl(Environment environment) {
        return scalar("environment." + environment.settingName() + ".url",
                text -> optional(text, SettingKey::parseServiceUrl), SettingKey::formatOptional, Optional.empty());
    }

    private static SettingKey<List<SpkiPin>> endpointPins(Environment environment) {
        return scalar("environment." + environment.settingName() + ".pins",
                text -> parseList(text, SpkiPin::parse), SettingKey::formatList, List.of());
    }

    /** All settings, in the order the admin guide lists them. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /** The key in the properties files; for {@link #TUNNELS} the prefix {@code tunnel}. */
    public String name() {
        return name;
    }

    /** The value when neither user nor policy sets one, for an OS speaking {@code osLocale}. */
    public T defaultValue(Locale osLocale) {
        return defaultValue.apply(osLocale);
    }

    /** True when {@code propertyKey} belongs to this setting. */
    boolean owns(String propertyKey) {
        return group ? propertyKey.startsWith(name + ".") : propertyKey.equals(name);
    }

    /**
     * Reads this setting from one file's properties.
     *
     * @return empty when the file does not mention this setting
     * @throws IllegalArgumentException when the file mentions it with a bad value; the message names the problem
     */
    Optional<T> read(Map<String, String> properties) {
        if (!group) {
            String text = properties.get(name);
            return text == null ? Optional.empty() : Optional.of(parser.apply(text.strip()));
        }
        Map<String, String> mine = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (owns(key)) {
                mine.put(key.substring(name.length() + 1), value.strip());
            }
        });
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T tunnels = (T) parseTunnels(mine);
        return Optional.of(tunnels);
    }

    /** Writes a value as properties, the way {@link #read} reads it back. */
    Map<String, String> write(T value) {
        if (!group) {
            return Map.of(name, formatter.apply(value));
        }
        Map<String, String> properties = new TreeMap<>();
        for (Object element : (List<?>) value) {
            Tunnel tunnel = (Tunnel) element;
            String prefix = name + "." + tunnel.name() + ".";
            properties.put(prefix + "local-port", String.valueOf(tunnel.localPort()));
            properties.put(prefix + "upstream", tunnel.upstream().toString());
            properties.put(prefix + "mode", tunnel.mode().name().toLowerCase(Locale.ROOT));
            if (!tunnel.trust().isEmpty()) {
                properties.put(prefix + "trust", formatList(tunnel.trust()));
            }
            if (!tunnel.autostart()) {
                properties.put(prefix + "autostart", "false");
            }
        }
        return properties;
    }

    @Override
    public String toString() {
        return name;
    }

    private static List<Tunnel> parseTunnels(Map<String, String> byNameAndField) {
        Map<String, Map<String, String>> fieldsByTunnel = new TreeMap<>();
        byNameAndField.forEach((nameAndField, value) -> {
            int dot = nameAndField.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("tunnel keys are written tunnel.<name>.<field>, got 'tunnel."
                        + nameAndField + "'");
            }
            fieldsByTunnel.computeIfAbsent(nameAndField.substring(0, dot), n -> new TreeMap<>())
                    .put(nameAndField.substring(dot + 1), value);
        });
        List<Tunnel> tunnels = new ArrayList<>();
        Map<Integer, String> ports = new TreeMap<>();
        fieldsByTunnel.forEach((tunnelName, fields) -> {
            if (!TUNNEL_NAME.matcher(tunnelName).matches()) {
                throw new IllegalArgumentException("tunnel name '" + tunnelName
                        + "' must be lower-case letters, digits and '-', at most 32");
            }
            List<String> unknown = fields.keySet().stream()
                    .filter(field -> !TUNNEL_FIELDS.contains(field)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("tunnel '" + tunnelName + "' has unknown field(s) " + unknown
                        + "; known: " + String.join(", ", TUNNEL_FIELDS));
            }
            String port = required(fields, tunnelName, "local-port");
            String upstream = required(fields, tunnelName, "upstream");
            // Commas only: a Windows path may hold spaces ("C:/Program Files/...").
            List<Path> trust = parseCommaList(fields.getOrDefault("trust", ""),
                    text -> parseAbsolutePath(text, "the trust file of tunnel '" + tunnelName + "'"));
            Tunnel tunnel = new Tunnel(tunnelName, parseInt(port, 1024, 65535), parseServiceUrl(upstream),
                    fields.containsKey("mode") ? parseEnum(TunnelMode.class, fields.get("mode")) : TunnelMode.HTTP,
                    trust, !fields.containsKey("autostart") || parseBoolean(fields.get("autostart")));
            String previous = ports.putIfAbsent(tunnel.localPort(), tunnelName);
            if (previous != null) {
                throw new IllegalArgumentException("tunnels '" + previous + "' and '" + tunnelName
                        + "' both use local port " + tunnel.localPort());
            }
            tunnels.add(tunnel);
        });
        return List.copyOf(tunnels);
    }

    private static String required(Map<String, String> fields, String tunnelName, String field) {
        String value = fields.get(field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("tunnel '" + tunnelName + "' needs tunnel." + tunnelName + "." + field);
        }
        return value;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static int parseInt(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside " + min + "-" + max);
        }
        return value;
    }

    /** https anywhere; plain http only to this machine (a local test service). */
    private static URI parseServiceUrl(String text) {
        URI uri = parseUri(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (!(scheme.equals("https") || scheme.equals("http") && loopback) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not an https URL (http only to localhost)");
        }
        return uri;
    }

    private static URI parseOrigin(String text) {
        URI uri = parseServiceUrl(text);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!bare) {
            throw new IllegalArgumentException("the origin '" + text + "' must be scheme://host[:port], no path");
        }
        return uri;
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
    }

    // A relative module name would be searched by the dynamic loader in places the admin did not choose.
    private static Path parseModulePath(String text) {
        return parseAbsolutePath(text, "the PKCS#11 module");
    }

    // A relative file would depend on the folder the app happens to start in.
    private static Path parseAbsolutePath(String text, String what) {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a file path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            // "C:\\Program Files\\x.dll" written with single backslashes loads as "C:Program Filesx.dll".
            String hint = text.matches("[A-Za-z]:[^\\\\/].*")
                    ? " (in a properties file write \\\\ or / for each \\ in a Windows path)" : "";
            throw new IllegalArgumentException(what + " '" + text + "' must be an absolute path" + hint);
        }
        return path;
    }

    private static <V> Optional<V> optional(String text, Function<String, V> parser) {
        return text.isEmpty() ? Optional.empty() : Optional.of(parser.apply(text));
    }

    private static <V> List<V> parseList(String text, Function<String, V> parser) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<V> values = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                values.add(parser.apply(part));
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** For values that may hold spaces themselves (a path, {@code oid = level}): split on commas only. */
    private static <V> List<V> parseCommaList(String text, Function<String, V> parser) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty()).map(parser)
                .toList();
    }

    private static String formatOptional(Optional<?> value) {
        return value.map(Object::toString).orElse("");
    }

    private static String formatList(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
