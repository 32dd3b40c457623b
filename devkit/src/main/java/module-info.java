/**
 * Developer kit: virtual SITHS card, test PKI and reference authentication service.
 * Never part of an installer.
 */
module se.legitimera.devkit {
    requires se.legitimera.smartcard;
    requires transitive se.legitimera.oob;
    requires se.legitimera.oob.server;
    requires java.smartcardio;
    requires jdk.httpserver;
    requires java.net.http;
    requires info.picocli;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires static org.opentest4j;

    exports se.legitimera.devkit.card;
    exports se.legitimera.devkit.pki;
    exports se.legitimera.devkit.smartcardio;
    exports se.legitimera.devkit.stack;
    exports se.legitimera.devkit.vpcd;
    exports se.legitimera.devkit.service;
    exports se.legitimera.devkit.ocsp;

    provides se.legitimera.oob.demo.DemoEnvironmentFactory with se.legitimera.devkit.demo.DevkitDemo;

    opens se.legitimera.devkit to info.picocli;
    opens se.legitimera.devkit.service to info.picocli;
}
