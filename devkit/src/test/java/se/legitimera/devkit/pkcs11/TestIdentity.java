package se.legitimera.devkit.pkcs11;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and a SITHS-like certificate for it, issued by a throwaway test CA. Test code only.
 *
 * @param label CKA_LABEL on the token
 * @param id CKA_ID on the token (hex)
 */
record TestIdentity(String label, String id, KeyPair keyPair, X509Certificate certificate) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A test CA: "SITHS e-id Person HSA-id 3 CA v1 (TEST)". */
    record Ca(KeyPair keyPair, X509Certificate certificate) {

        static Ca create() throws Exception {
            KeyPair pair = rsa(2048);
            X500Name name = new X500Name("CN=Legitimera Test Person CA v1,O=Legitimera Test,C=SE");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(1), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            var cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new Ca(pair, cert);
        }

        TestIdentity issue(String label, String id, KeyPair pair, boolean signature) throws Exception {
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=Tolvan Tolvansson,GIVENNAME=Tolvan,SURNAME=Tolvansson,"
                    + "SERIALNUMBER=TSTNMT2321000156-1024,O=Legitimera Test,C=SE");
            var builder = new JcaX509v3CertificateBuilder(certificate, new BigInteger(64, RANDOM),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), subject,
                    pair.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(signature ? KeyUsage.nonRepudiation
                    : KeyUsage.digitalSignature | (pair.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
            var upn = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERTaggedObject(true, 0, new DERUTF8String("191212121212@test.legitimera.se"))});
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.otherName, upn),
                new GeneralName(GeneralName.rfc822Name, "tolvan.tolvansson@test.legitimera.se")}));
            PrivateKey caKey = keyPair.getPrivate();
            var cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey)));
            return new TestIdentity(label, id, pair, cert);
        }
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static KeyPair ecP256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
