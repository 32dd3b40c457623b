package se.legitimera.oob.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The URL an app reaches the service's app API at (docs/oob-protocol.md section 2): an HTTPS origin in
 * canonical form ({@code https://host:port}, explicit port, lower-case host) and, since protocol document 1.1,
 * an optional path under which the API lives ({@code https://idp.example:443/realms/vard/legitimera}). Its
 * {@link #toString()} is the order's {@code iss} and the proof's expected {@code aud}.
 *
 * @param origin the canonical origin
 * @param path   empty, or a path beginning with {@code /} and not ending with one
 */
public record ServiceUrl(String origin, String path) {

    public ServiceUrl {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses {@code https://host[:port][/path]}: no user info, query or fragment; a trailing {@code /} is dropped.
     *
     * @throws IllegalArgumentException when it is no such URL
     */
    public static ServiceUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(text, "url"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason(), e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an https URL with a host and no user info, query or fragment is needed");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.contains("//") || path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
            throw new IllegalArgumentException("the path must be plain");
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        return new ServiceUrl("https://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port, path);
    }

    /** Origin and path: {@code https://host:port} or {@code https://host:port/path}. */
    @Override
    public String toString() {
        return origin + path;
    }
}
