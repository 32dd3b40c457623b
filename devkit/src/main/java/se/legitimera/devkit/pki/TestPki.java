package se.legitimera.devkit.pki;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The devkit's test PKI: a two-level SITHS-like hierarchy kept in a folder, so that every devkit tool
 * and stack test on one machine shares the same trust anchor.
 *
 * <ul>
 *   <li>root CA "CN=TEST SITHS e-id Root CA v2, O=Inera AB, C=SE" (self-signed, RSA 2048);</li>
 *   <li>issuing CA "CN=TEST SITHS e-id Person HSA-id 3 CA v1, O=Inera AB, C=SE" (RSA 2048), which
 *       issues every end-entity certificate: person authentication and signature certificates, TLS
 *       server certificates and plain client certificates.</li>
 * </ul>
 *
 * <p>Folder layout (all PEM): {@code root-ca.crt}, {@code root-ca.key} (PKCS#8), {@code issuing-ca.crt},
 * {@code issuing-ca.key} (PKCS#8) and {@code revoked.txt} (one "serial-hex revocation-instant" per line).
 * The first {@link #openOrCreate(Path, Clock)} on an empty or missing folder creates the CAs; later
 * opens load them, so the certificates stay the same between runs and processes. A lock file
 * ({@code .lock}) serialises creation and revocation between processes.
 *
 * <p>End-entity certificates carry an AIA extension (OCSP {@code <base>/ocsp}, caIssuers
 * {@code <base>/ca/issuing-ca.crt}) and a CRL distribution point ({@code <base>/crl/issuing-ca.crl});
 * the base URL defaults to {@value #DEFAULT_REVOCATION_BASE_URL}. Nothing here serves those URLs: the
 * devkit's OCSP responder builds on {@link #issuingKey()}, {@link #issuingCertificate()} and
 * {@link #revocationTime(BigInteger)}, and serves the caIssuers file too.
 *
 * <p>Implementations are thread-safe. Failures to read or write the folder or to build a certificate
 * throw {@link TestPkiException} (unchecked: this is test tooling).
 */
public interface TestPki {

    /** Where the devkit keeps its PKI unless told otherwise: {@code ~/.legitimera-devkit/pki}. */
    static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".legitimera-devkit", "pki");
    }

    /** The revocation base URL used unless {@link Builder#withRevocationBaseUrl(URI)} says otherwise. */
    String DEFAULT_REVOCATION_BASE_URL = "http://127.0.0.1:8444";

    /** The path of the issuing CA certificate (DER) under the revocation base URL, as the AIA names it. */
    String CA_ISSUERS_PATH = "/ca/issuing-ca.crt";

    /**
     * The test level-of-assurance policy OID put in person certificates by default ("LoA3 test").
     * UNCONFIRMED: a test value, not taken from Inera's certificate policy; configure the real one with
     * {@link Builder#withLevelOfAssurancePolicy(String)}.
     */
    String TEST_LOA3_POLICY_OID = "1.2.752.29.4.13.3.1";

    /** Opens the PKI in {@code folder}, creating it there first if needed, with default settings. */
    static TestPki openOrCreate(Path folder, Clock clock) {
        return builder().withFolder(folder).withClock(clock).openOrCreate();
    }

    /** A builder with the default folder, the system UTC clock and the default URLs and policy. */
    static Builder builder() {
        return new Builder();
    }

    /** The self-signed root CA certificate: the trust anchor. */
    X509Certificate rootCertificate();

    /** The issuing CA certificate ("Person HSA-id 3 CA v1"), which signs every end-entity certificate. */
    X509Certificate issuingCertificate();

    /** The issuing CA's private key, for an OCSP responder or a CRL signer built on this PKI. */
    PrivateKey issuingKey();

    /**
     * The chain for a certificate issued by this PKI: {@code [certificate, issuing CA, root CA]}.
     *
     * @throws IllegalArgumentException when the certificate was not issued by the issuing CA
     */
    List<X509Certificate> chainFor(X509Certificate certificate);

    /**
     * Issues a SITHS-like authentication and signature certificate pair for a person.
     * Subject: CN "givenName surname", GIVENNAME, SURNAME, SERIALNUMBER = HSA-id, C=SE; SAN with the UPN
     * (otherName 1.3.6.1.4.1.311.20.2.3) and the e-mail address when given; valid for two years from the
     * clock's now. The authentication certificate has KeyUsage digitalSignature (+ keyEncipherment for
     * RSA keys) and ExtendedKeyUsage clientAuth + smartcard logon; the signature certificate has a
     * critical KeyUsage nonRepudiation.
     */
    PersonCertificates issuePerson(Holder holder, PublicKey authKey, PublicKey signKey);

    /**
     * Issues a plain TLS client certificate for any key type (RSA or EC): the holder's subject and SAN,
     * KeyUsage digitalSignature, ExtendedKeyUsage clientAuth, valid two years.
     */
    X509Certificate issueClientCertificate(Holder holder, PublicKey key);

    /**
     * Issues a TLS server certificate (ExtendedKeyUsage serverAuth) for the given key, with the DNS names
     * and IP addresses as SAN entries and the first name as CN.
     *
     * @throws IllegalArgumentException when both lists are empty
     */
    X509Certificate issueTlsServer(PublicKey key, List<String> dnsNames, List<String> ipAddresses);

    /** Generates an RSA 2048 key and issues a TLS server certificate for it, see the other overload. */
    TlsCredential issueTlsServer(List<String> dnsNames, List<String> ipAddresses);

    /** Marks a serial number revoked as of the clock's now and stores that in the folder. Idempotent. */
    void revoke(BigInteger serial);

    /** Whether the serial has been revoked (reads the folder, so revocations by other processes count). */
    boolean isRevoked(BigInteger serial);

    /** When the serial was revoked, empty when it is not. */
    Optional<Instant> revocationTime(BigInteger serial);

    /** A CRL signed by the issuing CA with every revoked serial; thisUpdate now, nextUpdate in one day. */
    X509CRL issueCrl();

    /** Configures and opens a {@link TestPki}. Not thread-safe; use once. */
    final class Builder {
        private Path folder = defaultFolder();
        private Clock clock = Clock.systemUTC();
        private URI revocationBaseUrl = URI.create(DEFAULT_REVOCATION_BASE_URL);
        private String levelOfAssurancePolicy = TEST_LOA3_POLICY_OID;

        private Builder() {
        }

        /** The folder holding the PKI; created when missing. */
        public Builder withFolder(Path folder) {
            this.folder = java.util.Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** The clock that decides validity periods, revocation and CRL times. */
        public Builder withClock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Base of the OCSP, caIssuers and CRL URLs put in end-entity certificates, e.g.
         * {@code http://127.0.0.1:9000}; the OCSP URL becomes {@code http://127.0.0.1:9000/ocsp}.
         */
        public Builder withRevocationBaseUrl(URI baseUrl) {
            java.util.Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"http".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("revocation base URL must be http://host[:port]: " + baseUrl);
            }
            String text = baseUrl.toString();
            this.revocationBaseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            return this;
        }

        /** The policy OID put in the CertificatePolicies extension of person certificates. */
        public Builder withLevelOfAssurancePolicy(String oid) {
            if (!oid.matches("[0-2](\\.\\d+)+")) {
                throw new IllegalArgumentException("not an OID: " + oid);
            }
            this.levelOfAssurancePolicy = oid;
            return this;
        }

        /**
         * Loads the PKI from the folder or creates it there.
         *
         * @throws TestPkiException when the folder cannot be read or written or holds broken files
         */
        public TestPki openOrCreate() {
            return FolderTestPki.openOrCreate(folder, clock, revocationBaseUrl, levelOfAssurancePolicy);
        }
    }
}
