package se.legitimera.smartcard.cert;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds test certificates with SITHS-like content. Test code only. */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private TestPki() {
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    record Issued(KeyPair keyPair, X509Certificate certificate) {
    }

    /** A self-signed root CA. */
    static Issued ca(String cn) throws Exception {
        return ca(cn, null);
    }

    /** A CA issued by {@code parent}, or self-signed when it is null. */
    static Issued ca(String cn, Issued parent) throws Exception {
        KeyPair pair = rsa();
        X500Name name = new X500Name("CN=" + cn + ",O=Inera AB,C=SE");
        X500Name issuer = parent == null ? name
                : X500Name.getInstance(parent.certificate().getSubjectX500Principal().getEncoded());
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.ONE, Date.from(NOW.minusSeconds(86_400 * 365)),
                Date.from(NOW.plusSeconds(86_400 * 3650)), name, pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(pair, sign(b, parent == null ? pair : parent.keyPair()));
    }

    /** A card-like end-entity certificate. */
    static final class Person {
        String subject = "CN=Tolvan Tolvansson,SERIALNUMBER=TSTNMT2321000156-1024,O=Region Test,C=SE";
        int keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        String upn = "tolvan@test.se";
        String email = "tolvan.tolvansson@test.se";
        String pnrOtherNameOid;
        String pnr;
        List<String> policies = new ArrayList<>();
        String ocsp = "http://127.0.0.1:1/ocsp";
        String caIssuers;
        String crl = "http://127.0.0.1:1/test.crl";
        Instant notAfter = NOW.plusSeconds(86_400L * 100);
        BigInteger serial = BigInteger.valueOf(4711);
        boolean ocspSigning;

        Issued issueBy(Issued ca) throws Exception {
            KeyPair pair = rsa();
            var b = new JcaX509v3CertificateBuilder(ca.certificate(), serial, Date.from(NOW.minusSeconds(86_400)),
                    Date.from(notAfter), new X500Name(subject), pair.getPublic());
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            List<GeneralName> names = new ArrayList<>();
            if (upn != null) {
                names.add(new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERTaggedObject(true, 0, new DERUTF8String(upn))})));
            }
            if (pnr != null) {
                names.add(new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                    new ASN1ObjectIdentifier(pnrOtherNameOid), new DERTaggedObject(true, 0, new DERUTF8String(pnr))})));
            }
            if (email != null) {
                names.add(new GeneralName(GeneralName.rfc822Name, email));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (!policies.isEmpty()) {
                b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(policies.stream()
                        .map(p -> new PolicyInformation(new ASN1ObjectIdentifier(p))).toArray(PolicyInformation[]::new)));
            }
            List<AccessDescription> access = new ArrayList<>();
            if (ocsp != null) {
                access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, ocsp)));
            }
            if (caIssuers != null) {
                access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, caIssuers)));
            }
            if (!access.isEmpty()) {
                b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        access.toArray(AccessDescription[]::new)));
            }
            if (crl != null) {
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, crl))), null, null)}));
            }
            if (ocspSigning) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            }
            return new Issued(pair, sign(b, ca.keyPair()));
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }
}
