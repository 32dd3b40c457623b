package se.legitimera.oob.server;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root and an issuing CA made for the tests of this module, and holder certificates made to measure
 * (validity, key type, Key Usage, subject, policy). EC P-256 CAs: fast to create.
 */
final class Pki {

    static final String LOA3_OID = "1.2.752.29.4.13.3.1";
    static final String LOA2_OID = "1.2.752.29.4.13.2.1";
    static final String HSA_ID = "TSTNMT2321000156-1024";

    final Instant now;
    final KeyPair rootKeys = keys("EC-256");
    final X509Certificate root;
    final KeyPair issuingKeys = keys("EC-256");
    final X509Certificate issuing;
    private final AtomicLong serials = new AtomicLong(1000);

    Pki(Instant now, String name) {
        this.now = now;
        X500Name rootName = new X500Name("CN=" + name + " Root CA,O=Legitimera test,C=SE");
        X500Name issuingName = new X500Name("CN=" + name + " Person HSA-id 3 CA,O=Legitimera test,C=SE");
        root = ca(rootName, rootName, rootKeys.getPublic(), rootKeys.getPrivate());
        issuing = ca(issuingName, rootName, issuingKeys.getPublic(), rootKeys.getPrivate());
    }

    /** What a holder certificate looks like; change a field to make the certificate a test needs. */
    static final class Leaf {
        String keyType = "EC-256";
        String subject = "CN=Tolvan Tolvansson,SERIALNUMBER=" + HSA_ID + ",O=Region Test,C=SE";
        int keyUsage = KeyUsage.digitalSignature;
        List<String> policies = List.of(LOA3_OID);
        Duration validFrom = Duration.ofDays(-30);
        Duration validTo = Duration.ofDays(365);
        String personalIdentityNumber;

        /** A personal identity number in the SAN (an otherName), as some SITHS certificates carry one. */
        Leaf personalIdentityNumber(String digits) {
            personalIdentityNumber = digits;
            return this;
        }

        Leaf key(String type) {
            keyType = type;
            return this;
        }

        Leaf subject(String value) {
            subject = value;
            return this;
        }

        Leaf usage(int value) {
            keyUsage = value;
            return this;
        }

        Leaf policies(String... oids) {
            policies = List.of(oids);
            return this;
        }

        Leaf valid(Duration from, Duration to) {
            validFrom = from;
            validTo = to;
            return this;
        }
    }

    static Leaf leaf() {
        return new Leaf();
    }

    /** A card with the certificate {@code spec} describes, its x5c the leaf and the issuing CA. */
    Card card(Leaf spec) {
        KeyPair pair = keys(spec.keyType);
        X509Certificate certificate = issue(spec, pair.getPublic());
        return new Card(pair.getPrivate(), List.of(certificate, issuing));
    }

    Card card() {
        return card(leaf());
    }

    private X509Certificate issue(Leaf spec, PublicKey key) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuing,
                    BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.plus(spec.validFrom)),
                    Date.from(now.plus(spec.validTo)), new X500Name(spec.subject), key);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            if (!spec.policies.isEmpty()) {
                builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(spec.policies.stream()
                        .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid))).toArray(PolicyInformation[]::new)));
            }
            if (spec.personalIdentityNumber != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                        GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                            new ASN1ObjectIdentifier("1.2.752.201.3.1"),
                            new DERTaggedObject(true, 0, new DERUTF8String(spec.personalIdentityNumber))}))));
            }
            return sign(builder, issuingKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate ca(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signer) {
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minus(Duration.ofDays(365))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject,
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return sign(builder, signer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    /** "EC-256", "EC-384" or "RSA-2048". */
    static KeyPair keys(String type) {
        try {
            if (type.startsWith("EC-")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(type.equals("EC-256") ? "secp256r1" : "secp384r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
