package se.legitimera.devkit.oob;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import se.legitimera.devkit.ocsp.CertificateState;

/**
 * The PKI the OOB stack tests need: a root, an issuing CA for persons, a TLS server certificate for
 * 127.0.0.1 and person certificates with an HSA-id, a trust-level policy OID and a revocation list.
 */
final class StackPki {

    static final String LOA3_POLICY = "1.2.752.129.2.1.2.9.3";
    static final String LOA2_POLICY = "1.2.752.129.2.1.2.9.2";

    record Issued(KeyPair keys, X509Certificate certificate) {
        PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private final AtomicLong serials = new AtomicLong(0x1000);
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<BigInteger, Boolean> issued = new ConcurrentHashMap<>();
    final Issued root;
    final Issued issuing;

    StackPki(String rootName) throws Exception {
        root = issue(null, "CN=" + rootName, ecKeys(), true, 0, null);
        issuing = issue(root, "CN=" + rootName + " Person HSA-id 3 CA", ecKeys(), true, 0, null);
    }

    Issued tlsServer() throws Exception {
        return issue(issuing, "CN=127.0.0.1", ecKeys(), false, KeyUsage.digitalSignature, null);
    }

    Issued person(String hsaId, String name, String policy) throws Exception {
        return issue(issuing, "CN=" + name + ",SERIALNUMBER=" + hsaId, ecKeys(), false, KeyUsage.digitalSignature, policy);
    }

    Issued signatureOnlyPerson(String hsaId, String name) throws Exception {
        return issue(issuing, "CN=" + name + ",SERIALNUMBER=" + hsaId, ecKeys(), false, KeyUsage.nonRepudiation, LOA3_POLICY);
    }

    void revoke(BigInteger serial) {
        revoked.put(serial, Instant.now());
    }

    CertificateState stateOf(BigInteger serial) {
        if (revoked.containsKey(serial)) {
            return new CertificateState.Revoked(revoked.get(serial));
        }
        return issued.containsKey(serial) ? new CertificateState.Good() : new CertificateState.Unknown();
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private Issued issue(Issued issuer, String subject, KeyPair keys, boolean ca, int keyUsage, String policy) throws Exception {
        BigInteger serial = BigInteger.valueOf(serials.incrementAndGet());
        X500Name issuerName = issuer == null ? new X500Name(subject)
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(365))),
                new X500Name(subject), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : keyUsage));
        if (subject.equals("CN=127.0.0.1")) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        if (policy != null) {
            builder.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policy))));
        }
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.privateKey();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        issued.put(serial, true);
        return new Issued(keys, certificate);
    }
}
