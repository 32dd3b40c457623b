package se.legitimera.devkit.service;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The service's checks of an identification certificate: chain to a configured root at the clock's time,
 * Key Usage digitalSignature (an identification key, not the non-repudiation signature key), an HSA-id in
 * the subject serialNumber, the trust level from a configurable policy OID table and, when a responder is
 * configured, OCSP. Thread-safe (immutable).
 */
final class HolderCertificateVerifier {

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> roots;
    private final Map<String, Integer> trustLevelByPolicyOid;
    private final Optional<OcspChecker> ocsp;

    HolderCertificateVerifier(List<X509Certificate> roots, Map<String, Integer> trustLevelByPolicyOid,
                              Optional<OcspChecker> ocsp) {
        this.roots = List.copyOf(roots);
        this.anchors = roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toUnmodifiableSet());
        this.trustLevelByPolicyOid = Map.copyOf(trustLevelByPolicyOid);
        this.ocsp = ocsp;
    }

    VerifiedHolder verify(List<X509Certificate> chain, Instant now, OptionalInt requiredLoa) throws CertificateRejectedException {
        if (chain.isEmpty()) {
            throw new CertificateRejectedException("no certificate");
        }
        if (anchors.isEmpty()) {
            throw new CertificateRejectedException("the service trusts no root");
        }
        X509Certificate leaf = chain.getFirst();
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(roots::contains);
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // OCSP is checked below, against the configured responder
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateRejectedException("the certificate does not chain to a trusted root: " + e.getMessage(), e);
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null || !keyUsage[0]) {
            throw new CertificateRejectedException("not an identification certificate (Key Usage lacks digitalSignature)");
        }
        X500Name subject;
        try {
            subject = new JcaX509CertificateHolder(leaf).getSubject();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CertificateRejectedException("unreadable subject", e);
        }
        String hsaId = attribute(subject, BCStyle.SERIALNUMBER)
                .orElseThrow(() -> new CertificateRejectedException("the certificate carries no HSA-id (subject serialNumber)"));
        String name = attribute(subject, BCStyle.CN).orElse(hsaId);
        OptionalInt level = trustLevel(leaf);
        if (requiredLoa.isPresent() && (level.isEmpty() || level.getAsInt() < requiredLoa.getAsInt())) {
            throw new CertificateRejectedException("trust level " + (level.isPresent() ? level.getAsInt() : "unknown")
                    + " is below the requested " + requiredLoa.getAsInt());
        }
        if (ocsp.isPresent()) {
            X509Certificate issuer = chain.size() > 1 ? chain.get(1) : roots.stream()
                    .filter(r -> r.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()))
                    .findFirst().orElseThrow(() -> new CertificateRejectedException("issuer unknown for OCSP"));
            ocsp.get().requireGood(leaf, issuer, now);
        }
        return new VerifiedHolder(hsaId, name, Optional.empty(), level, leaf);
    }

    private OptionalInt trustLevel(X509Certificate leaf) throws CertificateRejectedException {
        byte[] extension = leaf.getExtensionValue(Extension.certificatePolicies.getId());
        if (extension == null) {
            return OptionalInt.empty();
        }
        try {
            CertificatePolicies policies = CertificatePolicies.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets());
            int best = -1;
            for (PolicyInformation info : policies.getPolicyInformation()) {
                Integer level = trustLevelByPolicyOid.get(info.getPolicyIdentifier().getId());
                if (level != null && level > best) {
                    best = level;
                }
            }
            return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
        } catch (IllegalArgumentException e) {
            throw new CertificateRejectedException("malformed certificate policies", e);
        }
    }

    private static Optional<String> attribute(X500Name name, ASN1ObjectIdentifier type) {
        for (RDN rdn : name.getRDNs(type)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            return Optional.of(IETFUtils.valueToString(value));
        }
        return Optional.empty();
    }
}
