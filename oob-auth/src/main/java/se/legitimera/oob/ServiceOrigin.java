package se.legitimera.oob;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An HTTPS origin ({@code https://host:port}) in its canonical form: lower-case host, explicit port, no path.
 * Allowlists, pins and the proof's {@code aud} compare these, never raw strings.
 */
public record ServiceOrigin(String host, int port) {

    public ServiceOrigin {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("origin without host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("origin port out of range: " + port);
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code https://host[:port]} (a trailing {@code /} is tolerated, any other path is not).
     *
     * @throws IllegalArgumentException when it is not an HTTPS origin
     */
    public static ServiceOrigin parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: " + text, e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only https origins are allowed: " + text);
        }
        String path = uri.getRawPath();
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || (path != null && !path.isEmpty() && !path.equals("/"))) {
            throw new IllegalArgumentException("not a bare origin: " + text);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ServiceOrigin(host, uri.getPort() == -1 ? 443 : uri.getPort());
    }

    /** A URI below this origin, e.g. {@code resolve("/app/v1/order")}. */
    public URI resolve(String path) {
        return URI.create(this + path);
    }

    /** {@code https://host:port}, the form used in {@code aud} and {@code iss}. */
    @Override
    public String toString() {
        return "https://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
