package se.legitimera.keycloak.stack;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * Where a request for a Keycloak URL is sent. Keycloak's pages, tokens and orders name one public address;
 * a single node listens on it itself ({@link #DIRECT}), a cluster's nodes each listen on their own port and
 * a test sends each step to the node it chooses, as a load balancer would.
 */
@FunctionalInterface
public interface Route extends UnaryOperator<URI> {

    /** The URL as it is: the single node. */
    Route DIRECT = uri -> uri;
}
