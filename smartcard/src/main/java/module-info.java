/**
 * Smart-card access for Legitimera: PC/SC readers and cards, card profiles chosen by ATR,
 * PIN operations, PKCS#11 tokens and the SITHS certificate model. Knows nothing of any UI.
 */
module se.legitimera.smartcard {
    requires transitive java.smartcardio; // TerminalSource hands out javax.smartcardio types
    requires transitive se.legitimera.smartcard.cert; // the certificate model, its own module so servers can use it without PC/SC
    requires org.slf4j;
    requires java.net.http;
    requires jdk.crypto.cryptoki;
    requires com.sun.jna;
    requires jnasmartcardio;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports se.legitimera.smartcard.api;
    exports se.legitimera.smartcard.pcsc;
    exports se.legitimera.smartcard.pkcs11;
    exports se.legitimera.smartcard.tls;
    exports se.legitimera.smartcard.pin;
    exports se.legitimera.smartcard.idprime;
    exports se.legitimera.smartcard.profile;
}
