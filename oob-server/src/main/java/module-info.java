/**
 * The server side of Legitimera's out-of-band login protocol (docs/oob-protocol.md): orders and their state
 * machine, the order JWS signed with a key the host supplies, proof and poll-request verification, stores
 * behind interfaces. No HTTP server, no UI, no PC/SC: hosts (the devkit reference service, the Keycloak
 * extension) turn requests into calls of {@link se.legitimera.oob.server.OobServer} and its results into
 * answers. Works on the module path and on a plain class path (nothing here needs module-only features).
 */
module se.legitimera.oob.server {
    requires transitive se.legitimera.smartcard.cert;
    requires org.slf4j;
    requires com.nimbusds.jose.jwt;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports se.legitimera.oob.server;
}
