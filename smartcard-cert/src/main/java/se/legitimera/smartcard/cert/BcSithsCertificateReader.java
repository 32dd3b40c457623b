package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;

/** {@link SithsCertificateReader} on Bouncy Castle's ASN.1 classes. */
final class BcSithsCertificateReader implements SithsCertificateReader {

    static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private final Clock clock;
    private final TrustLevelTable trustLevels;

    BcSithsCertificateReader(Clock clock, TrustLevelTable trustLevels) {
        this.clock = clock;
        this.trustLevels = trustLevels;
    }

    @Override
    public SithsCertificate read(X509Certificate certificate) {
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
        X500Name subject = holder.getSubject();
        Extensions extensions = holder.getExtensions();
        String serialNumber = first(subject, BCStyle.SERIALNUMBER);
        Optional<PersonalIdentityNumber> pnr = PersonalIdentityNumber.parse(serialNumber);
        // The serialNumber is the HSA-id unless it is itself a personnummer; one in the SAN does not change that.
        boolean serialIsPnr = pnr.isPresent();
        List<String> emails = new ArrayList<>();
        String upn = null;
        GeneralNames san = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (san != null) {
            for (GeneralName name : san.getNames()) {
                switch (name.getTagNo()) {
                    case GeneralName.rfc822Name -> emails.add(ASN1String.class.cast(name.getName()).getString());
                    case GeneralName.otherName -> {
                        ASN1Sequence other = ASN1Sequence.getInstance(name.getName());
                        String value = otherNameValue(other);
                        if (UPN.equals(ASN1ObjectIdentifier.getInstance(other.getObjectAt(0)))) {
                            upn = value;
                        } else if (pnr.isEmpty()) {
                            pnr = PersonalIdentityNumber.parse(value);
                        }
                    }
                    case GeneralName.directoryName -> {
                        if (pnr.isEmpty()) {
                            pnr = PersonalIdentityNumber.parse(first(X500Name.getInstance(name.getName()), BCStyle.SERIALNUMBER));
                        }
                    }
                    default -> { }
                }
            }
        }
        List<String> policies = policyOids(extensions);
        String issuerCn = first(holder.getIssuer(), BCStyle.CN);
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new ParsedSithsCertificate(certificate,
                Optional.ofNullable(first(subject, BCStyle.CN)).orElse(subject.toString()),
                serialIsPnr || serialNumber == null ? Optional.empty() : Optional.of(serialNumber),
                pnr, Optional.ofNullable(upn), List.copyOf(emails),
                holder.getIssuer().toString(), issuerCn == null ? "" : issuerCn,
                certificate.getNotBefore().toInstant(), notAfter,
                Math.floorDiv(Duration.between(clock.instant(), notAfter).toSeconds(), 86_400L),
                usage(extensions), trustLevels.levelFor(policies, issuerCn), policies,
                accessLocations(extensions, AccessDescription.id_ad_ocsp),
                accessLocations(extensions, AccessDescription.id_ad_caIssuers), crlUrls(extensions));
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String otherNameValue(ASN1Sequence otherName) {
        ASN1Encodable value = otherName.getObjectAt(1);
        while (value instanceof ASN1TaggedObject tagged) {
            value = tagged.getExplicitBaseObject();
        }
        return value instanceof ASN1String s ? s.getString() : null;
    }

    private static CertificateUsage usage(Extensions extensions) {
        KeyUsage keyUsage = extensions == null ? null : KeyUsage.fromExtensions(extensions);
        if (keyUsage == null) {
            return CertificateUsage.OTHER;
        }
        if (keyUsage.hasUsages(KeyUsage.nonRepudiation)) {
            return CertificateUsage.SIGNATURE;
        }
        return keyUsage.hasUsages(KeyUsage.digitalSignature) ? CertificateUsage.IDENTIFICATION : CertificateUsage.OTHER;
    }

    private static List<String> policyOids(Extensions extensions) {
        CertificatePolicies policies = extensions == null ? null : CertificatePolicies.fromExtensions(extensions);
        if (policies == null) {
            return List.of();
        }
        List<String> oids = new ArrayList<>();
        for (PolicyInformation info : policies.getPolicyInformation()) {
            oids.add(info.getPolicyIdentifier().getId());
        }
        return List.copyOf(oids);
    }

    /** The AIA caIssuers URLs of {@code certificate}; empty when it has none or cannot be parsed. */
    static List<URI> caIssuerUrls(X509Certificate certificate) {
        try {
            return accessLocations(new X509CertificateHolder(certificate.getEncoded()).getExtensions(),
                    AccessDescription.id_ad_caIssuers);
        } catch (CertificateEncodingException | IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static List<URI> accessLocations(Extensions extensions, ASN1ObjectIdentifier method) {
        AuthorityInformationAccess aia = extensions == null ? null : AuthorityInformationAccess.fromExtensions(extensions);
        if (aia == null) {
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().equals(method)) {
                uri(d.getAccessLocation()).ifPresent(uris::add);
            }
        }
        return List.copyOf(uris);
    }

    private static List<URI> crlUrls(Extensions extensions) {
        CRLDistPoint points = extensions == null ? null
                : CRLDistPoint.fromExtensions(extensions);
        if (points == null) {
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                    uri(g).ifPresent(uris::add);
                }
            }
        }
        return List.copyOf(uris);
    }

    private static Optional<URI> uri(GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(ASN1String.class.cast(name.getName()).getString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
