package se.legitimera.oob;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code legitimera://auth?service=<service URL>&token=<autoStartToken>} link as opened by a login page. The
 * service URL is an origin (protocol 1.0) or, since protocol document 1.1, an origin with the path its app API
 * lives under. The token is a short-lived capability for one order; {@link #toString()} never shows it.
 */
public record AutoStartLink(ServiceOrigin service, String autoStartToken) {

    public static final String SCHEME = "legitimera";

    public AutoStartLink {
        if (autoStartToken == null || !autoStartToken.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new IllegalArgumentException("autostart token malformed");
        }
    }

    /**
     * Parses a link as the operating system hands it to the app.
     *
     * @throws InvalidAutoStartLinkException when it is not a {@code legitimera://auth} link with an HTTPS
     *                                       service URL and a well-formed token
     */
    public static AutoStartLink parse(String link) throws InvalidAutoStartLinkException {
        URI uri;
        try {
            uri = new URI(link.trim());
        } catch (URISyntaxException e) {
            throw new InvalidAutoStartLinkException("not a link", null, e);
        }
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || !"auth".equalsIgnoreCase(uri.getHost())
                || uri.getRawQuery() == null) {
            throw new InvalidAutoStartLinkException("not a legitimera://auth link");
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (query.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new InvalidAutoStartLinkException("parameter given twice: " + key);
            }
        }
        String service = query.get("service");
        String token = query.get("token");
        if (service == null || token == null) {
            throw new InvalidAutoStartLinkException("link lacks service or token");
        }
        try {
            return new AutoStartLink(ServiceOrigin.parseServiceUrl(service), token);
        } catch (IllegalArgumentException e) {
            throw new InvalidAutoStartLinkException(e.getMessage(), null, e);
        }
    }

    /** The link in its wire form, token included (hand it to the OS, never to a log). */
    public String toUri() {
        return SCHEME + "://auth?service=" + URLEncoder.encode(service.toString(), StandardCharsets.UTF_8)
                + "&token=" + autoStartToken;
    }

    @Override
    public String toString() {
        return "AutoStartLink[service=" + service + "]";
    }
}
