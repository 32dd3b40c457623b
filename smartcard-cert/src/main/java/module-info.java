/**
 * The SITHS certificate model: holder, HSA-id, personal identity number, usage, trust level, OCSP and issuer
 * location. Its own module so that a server (oob-server) can use it without PC/SC, JNA or PKCS#11; the
 * smartcard module re-exports it.
 */
module se.legitimera.smartcard.cert {
    requires org.slf4j;
    requires java.net.http;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports se.legitimera.smartcard.cert;
}
