package se.legitimera.app.gateway;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small software PKI for the gateway tests (and bench/gateway): CAs, TLS server certificates and
 * SITHS-like person certificates with the HSA-id in the subject serialNumber.
 */
public final class TestPki {

    /** The test HSA-id every person certificate of this PKI carries. */
    public static final String HSA_ID = "TSTNMT2321000156-1024";

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its certificate chain (leaf first). */
    public record Issued(KeyPair keys, X509Certificate[] chain) {
        public X509Certificate certificate() {
            return chain[0];
        }

        /** A key manager offering this identity (as a server or as a client). */
        public X509KeyManager keyManager() throws GeneralSecurityException {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = "test".toCharArray();
                store.setKeyEntry("identity", keys.getPrivate(), password, chain);
                KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
                factory.init(store, password);
                return (X509KeyManager) factory.getKeyManagers()[0];
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
        }
    }

    private TestPki() {
    }

    public static Issued rootCa(String commonName) throws Exception {
        KeyPair keys = rsa();
        X500Name name = new X500Name("CN=" + commonName + ",O=Legitimera Test,C=SE");
        JcaX509v3CertificateBuilder builder = builder(name, name, keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, new X509Certificate[] {sign(builder, keys)});
    }

    /** A TLS server certificate with DNS names in the subject alternative name. */
    public static Issued server(Issued ca, String... dnsNames) throws Exception {
        KeyPair keys = rsa();
        JcaX509v3CertificateBuilder builder = builder(subjectOf(ca), new X500Name("CN=" + dnsNames[0]
                + ",O=Legitimera Test,C=SE"), keys);
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new Issued(keys, new X509Certificate[] {sign(builder, ca.keys()), ca.certificate()});
    }

    /** A SITHS-like identification certificate: HSA-id in serialNumber, client authentication. */
    public static Issued person(Issued ca, String hsaId) throws Exception {
        KeyPair keys = rsa();
        X500Name subject = new X500Name("CN=Test Testsson,SERIALNUMBER=" + hsaId + ",O=Legitimera Test,C=SE");
        JcaX509v3CertificateBuilder builder = builder(subjectOf(ca), subject, keys);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new Issued(keys, new X509Certificate[] {sign(builder, ca.keys()), ca.certificate()});
    }

    /** A trust manager that trusts exactly these CAs. */
    public static X509TrustManager trusting(X509Certificate... anchors) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            store.setCertificateEntry("ca" + i, anchors[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static X500Name subjectOf(Issued ca) {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
