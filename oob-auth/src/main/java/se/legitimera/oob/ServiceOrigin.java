package se.legitimera.oob;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an authentication service is: an HTTPS origin ({@code https://host:port}) in its canonical form
 * (lower-case host, explicit port) and, for services of protocol document 1.1 whose app API lives under a path
 * (an identity provider's realm, {@code https://idp.example:443/realms/vard/legitimera}), that path. Allowlists
 * and pins name origins; the order's {@code iss} and the proof's {@code aud} are {@link #toString()}, origin and
 * path. Compare these, never raw strings.
 *
 * @param host lower-case host name or IP literal (IPv6 without brackets)
 * @param port 1..65535
 * @param path empty (a v1.0 service at the origin's root) or {@code /segment[/segment...]}, no trailing {@code /}
 */
public record ServiceOrigin(String host, int port, String path) {

    public ServiceOrigin {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("origin without host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("origin port out of range: " + port);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (path == null || !(path.isEmpty() || (path.startsWith("/") && !path.endsWith("/")))
                || path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/..")
                || path.endsWith("/.") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("not a plain service path: " + path);
        }
    }

    /** A service at the origin's root (protocol 1.0). */
    public ServiceOrigin(String host, int port) {
        this(host, port, "");
    }

    /**
     * Parses a bare origin {@code https://host[:port]} (a trailing {@code /} is tolerated, any other path is not),
     * as allowlists, pins and relying-party origins are written.
     *
     * @throws IllegalArgumentException when it is not an HTTPS origin
     */
    public static ServiceOrigin parse(String text) {
        ServiceOrigin parsed = parseServiceUrl(text);
        if (!parsed.path().isEmpty()) {
            throw new IllegalArgumentException("not a bare origin: " + text);
        }
        return parsed;
    }

    /**
     * Parses a service URL {@code https://host[:port][/path]} as a {@code legitimera://} link names it: no user
     * info, query or fragment, a plain path; trailing {@code /} dropped.
     *
     * @throws IllegalArgumentException when it is no such URL
     */
    public static ServiceOrigin parseServiceUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: " + text, e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only https origins are allowed: " + text);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not a bare origin: " + text);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ServiceOrigin(host, uri.getPort() == -1 ? 443 : uri.getPort(), path);
    }

    /** The origin alone (no path): what allowlists and pins name. */
    public ServiceOrigin origin() {
        return path.isEmpty() ? this : new ServiceOrigin(host, port);
    }

    /** A URI below this service, e.g. {@code resolve("/app/v1/order")}: origin, service path, then {@code path}. */
    public URI resolve(String relative) {
        return URI.create(this + relative);
    }

    /** {@code https://host:port} or {@code https://host:port/path}, the form used in {@code aud} and {@code iss}. */
    @Override
    public String toString() {
        return "https://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + path;
    }
}
