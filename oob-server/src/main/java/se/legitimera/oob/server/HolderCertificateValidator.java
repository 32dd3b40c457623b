package se.legitimera.oob.server;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.cert.CertificateUsage;
import se.legitimera.smartcard.cert.RevocationChecker;
import se.legitimera.smartcard.cert.RevocationResult;
import se.legitimera.smartcard.cert.RevocationStatus;
import se.legitimera.smartcard.cert.SithsCertificate;
import se.legitimera.smartcard.cert.SithsCertificateReader;

/**
 * The holder-certificate checks of section 4.3: validity at the clock's time, a path to a configured root
 * (completed from the configured intermediates when {@code x5c} lacks them), Key Usage of an identification
 * key, an HSA-id, the trust level from the configured OID table and OCSP. Immutable and thread-safe.
 */
final class HolderCertificateValidator {

    private static final Logger LOG = LoggerFactory.getLogger(HolderCertificateValidator.class);

    /** A holder that passed every check. */
    record Holder(SithsCertificate certificate, String hsaId, OptionalInt trustLevel, List<X509Certificate> path) {
    }

    private final Clock clock;
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Map<String, Integer> trustLevels;
    private final OcspMode ocspMode;
    private final Optional<RevocationChecker> revocation;
    private final SithsCertificateReader reader;

    HolderCertificateValidator(Clock clock, List<X509Certificate> roots, List<X509Certificate> intermediates,
                               Map<String, Integer> trustLevels, OcspMode ocspMode,
                               Optional<RevocationChecker> revocation) {
        this.clock = clock;
        this.anchors = roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toUnmodifiableSet());
        this.intermediates = List.copyOf(intermediates);
        this.trustLevels = Map.copyOf(trustLevels);
        this.ocspMode = ocspMode;
        this.revocation = revocation;
        this.reader = SithsCertificateReader.builder().withClock(clock).build();
    }

    Holder validate(List<X509Certificate> x5c, OptionalInt requestedLoa) throws CertificateRefusedException {
        X509Certificate leaf = x5c.getFirst();
        Instant now = clock.instant();
        String serial = leaf.getSerialNumber().toString(16);
        try {
            leaf.checkValidity(Date.from(now));
        } catch (java.security.cert.CertificateExpiredException e) {
            throw new CertificateExpiredException("certificate " + serial + " expired at "
                    + leaf.getNotAfter().toInstant());
        } catch (java.security.cert.CertificateNotYetValidException e) {
            throw new CertificateNotYetValidException("certificate " + serial + " is valid only from "
                    + leaf.getNotBefore().toInstant());
        }
        List<X509Certificate> path = path(leaf, x5c, now, serial);
        SithsCertificate certificate;
        try {
            certificate = reader.read(leaf);
        } catch (IllegalArgumentException e) {
            throw new WrongKeyUsageException("certificate " + serial + " has unreadable extensions", e);
        }
        if (certificate.usage() != CertificateUsage.IDENTIFICATION) {
            throw new WrongKeyUsageException("certificate " + serial + " is not an identification certificate ("
                    + certificate.usage() + ": Key Usage needs digitalSignature without nonRepudiation)");
        }
        String hsaId = certificate.hsaId().orElseThrow(() -> new MissingHsaIdException(
                "certificate " + serial + " carries no HSA-id (subject serialNumber)"));
        OptionalInt level = certificate.policyOids().stream().map(trustLevels::get).filter(l -> l != null)
                .mapToInt(Integer::intValue).max();
        if (requestedLoa.isPresent() && (level.isEmpty() || level.getAsInt() < requestedLoa.getAsInt())) {
            throw new TrustLevelTooLowException("trust level of certificate " + serial + " is "
                    + (level.isPresent() ? level.getAsInt() : "unknown") + ", the order asks for "
                    + requestedLoa.getAsInt());
        }
        if (revocation.isPresent()) {
            checkRevocation(leaf, path.get(1), serial);
        }
        return new Holder(certificate, hsaId, level, path);
    }

    /** Leaf first, root last. */
    private List<X509Certificate> path(X509Certificate leaf, List<X509Certificate> x5c, Instant now, String serial)
            throws UntrustedCertificateException {
        List<X509Certificate> candidates = new ArrayList<>(x5c);
        candidates.addAll(intermediates);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            parameters.setRevocationEnabled(false); // OCSP is checked below, as configured
            parameters.setDate(Date.from(now));
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            path.add(result.getTrustAnchor().getTrustedCert());
            return List.copyOf(path);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("no trust anchors", e);
        } catch (GeneralSecurityException e) {
            throw new UntrustedCertificateException("certificate " + serial + " (issuer "
                    + leaf.getIssuerX500Principal().getName() + ") does not chain to a trusted root with "
                    + (x5c.size() - 1) + " CA certificate(s) in x5c and " + intermediates.size()
                    + " configured intermediate(s): " + e.getMessage(), e);
        }
    }

    private void checkRevocation(X509Certificate leaf, X509Certificate issuer, String serial)
            throws CertificateRefusedException {
        RevocationResult result = revocation.orElseThrow().check(leaf, issuer);
        if (result.status() == RevocationStatus.GOOD) {
            return;
        }
        if (result.status() == RevocationStatus.REVOKED) {
            throw new CertificateRevokedException("certificate " + serial + " was revoked"
                    + result.revokedAt().map(t -> " at " + t).orElse("") + " (OCSP)");
        }
        if (result.unreachable() && ocspMode == OcspMode.FAIL_OPEN) {
            LOG.warn("OCSP unreachable for certificate {}, accepted (fail open): {}", serial, result.detail());
            return;
        }
        throw new RevocationUnknownException("no verified OCSP answer for certificate " + serial + ": "
                + result.detail());
    }
}
