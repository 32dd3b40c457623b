/**
 * Client of Legitimera's open out-of-band login protocol (docs/oob-protocol.md): fetches and verifies
 * orders, signs proofs through a {@link se.legitimera.oob.ProofSigner} and posts them over pinned TLS.
 */
module se.legitimera.oob {
    requires transitive se.legitimera.smartcard;
    requires org.slf4j;
    requires transitive com.nimbusds.jose.jwt;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    // HttpClient 5 is an automatic module and uses jdk.net.Sockets for keep-alive options; on the module
    // path nothing else would resolve jdk.net, and the first client fails with NoClassDefFoundError.
    requires jdk.net;

    exports se.legitimera.oob;
    exports se.legitimera.oob.card;
    exports se.legitimera.oob.demo;
}
