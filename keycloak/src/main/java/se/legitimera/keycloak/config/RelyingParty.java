package se.legitimera.keycloak.config;

import java.net.URI;
import org.keycloak.models.ClientModel;

/**
 * How a Keycloak client appears in an order: the name the app shows ("Jag legitimerar mig hos ...") and the
 * origin the proof is bound to. One place for the browser flow and CIBA, so both show a client alike.
 */
public final class RelyingParty {

    private RelyingParty() {
    }

    /** The client's name, else its client id, at most 100 characters (the order's limit). */
    public static String name(ClientModel client) {
        String name = client.getName();
        if (name == null || name.isBlank() || name.startsWith("${")) {
            name = client.getClientId();
        }
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    /** The client's HTTPS root or base URL's origin, else {@code fallback}'s (the Keycloak URL the request came to). */
    public static String origin(ClientModel client, URI fallback) {
        for (String candidate : new String[] {client.getRootUrl(), client.getBaseUrl()}) {
            if (candidate != null && candidate.startsWith("https://")) {
                return "https://" + URI.create(candidate).getRawAuthority();
            }
        }
        return fallback.getScheme() + "://" + fallback.getRawAuthority();
    }
}
