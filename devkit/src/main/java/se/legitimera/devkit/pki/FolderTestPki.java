package se.legitimera.devkit.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
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
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** {@link TestPki} kept as PEM files in a folder. Thread-safe: mutable state lives in the folder. */
final class FolderTestPki implements TestPki {

    static final String ROOT_DN = "CN=TEST SITHS e-id Root CA v2, O=Inera AB, C=SE";
    static final String ISSUING_DN = "CN=TEST SITHS e-id Person HSA-id 3 CA v1, O=Inera AB, C=SE";
    static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";
    static final String SMARTCARD_LOGON_OID = "1.3.6.1.4.1.311.20.2.2";

    private static final String ROOT_CERT = "root-ca.crt";
    private static final String ROOT_KEY = "root-ca.key";
    private static final String ISSUING_CERT = "issuing-ca.crt";
    private static final String ISSUING_KEY = "issuing-ca.key";
    private static final String REVOKED = "revoked.txt";
    private static final String LOCK = ".lock";
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Path folder;
    private final Clock clock;
    private final URI revocationBaseUrl;
    private final String levelOfAssurancePolicy;
    private final X509Certificate root;
    private final X509Certificate issuing;
    private final PrivateKey issuingKey;
    private final SecureRandom random = new SecureRandom();

    private FolderTestPki(Path folder, Clock clock, URI revocationBaseUrl, String levelOfAssurancePolicy,
                          X509Certificate root, X509Certificate issuing, PrivateKey issuingKey) {
        this.folder = folder;
        this.clock = clock;
        this.revocationBaseUrl = revocationBaseUrl;
        this.levelOfAssurancePolicy = levelOfAssurancePolicy;
        this.root = root;
        this.issuing = issuing;
        this.issuingKey = issuingKey;
    }

    static TestPki openOrCreate(Path folder, Clock clock, URI revocationBaseUrl, String levelOfAssurancePolicy) {
        Path absolute = folder.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new TestPkiException("cannot create the PKI folder " + absolute, e);
        }
        return underLock(absolute, () -> {
            if (!Files.exists(absolute.resolve(ISSUING_KEY))) {
                createAuthorities(absolute, clock);
            }
            return new FolderTestPki(absolute, clock, revocationBaseUrl, levelOfAssurancePolicy,
                    PemFiles.readCertificate(absolute.resolve(ROOT_CERT)),
                    PemFiles.readCertificate(absolute.resolve(ISSUING_CERT)),
                    PemFiles.readPrivateKey(absolute.resolve(ISSUING_KEY)));
        });
    }

    private static void createAuthorities(Path folder, Clock clock) {
        SecureRandom random = new SecureRandom();
        // a day of slack so that a machine whose clock is a little behind still accepts the CAs
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        KeyPair rootKeys = rsaKeyPair();
        KeyPair issuingKeys = rsaKeyPair();
        X500Name rootName = x500Name(ROOT_DN);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder rootBuilder = new JcaX509v3CertificateBuilder(rootName, serial(random),
                    Date.from(notBefore), Date.from(plusYears(notBefore, 20)), rootName, rootKeys.getPublic());
            rootBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rootBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            rootBuilder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(rootKeys.getPublic()));
            rootBuilder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(rootKeys.getPublic()));
            X509Certificate root = sign(rootBuilder, rootKeys.getPrivate());

            X509v3CertificateBuilder issuingBuilder = new JcaX509v3CertificateBuilder(root, serial(random),
                    Date.from(notBefore), Date.from(plusYears(notBefore, 10)), x500Name(ISSUING_DN),
                    issuingKeys.getPublic());
            issuingBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            issuingBuilder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            issuingBuilder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(issuingKeys.getPublic()));
            issuingBuilder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(root));
            issuingBuilder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                    new PolicyInformation(new ASN1ObjectIdentifier("2.5.29.32.0"))));
            X509Certificate issuing = sign(issuingBuilder, rootKeys.getPrivate());

            // the issuing key is written last: its presence marks a complete PKI
            PemFiles.writeCertificate(folder.resolve(ROOT_CERT), root);
            PemFiles.writePrivateKey(folder.resolve(ROOT_KEY), rootKeys.getPrivate());
            PemFiles.writeCertificate(folder.resolve(ISSUING_CERT), issuing);
            PemFiles.writePrivateKey(folder.resolve(ISSUING_KEY), issuingKeys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new TestPkiException("cannot create the test CAs", e);
        }
    }

    @Override
    public X509Certificate rootCertificate() {
        return root;
    }

    @Override
    public X509Certificate issuingCertificate() {
        return issuing;
    }

    @Override
    public PrivateKey issuingKey() {
        return issuingKey;
    }

    @Override
    public List<X509Certificate> chainFor(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuing.getSubjectX500Principal())) {
            throw new IllegalArgumentException("not issued by " + issuing.getSubjectX500Principal().getName()
                    + ": " + certificate.getSubjectX500Principal().getName());
        }
        try {
            certificate.verify(issuing.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not signed by this PKI's issuing CA", e);
        }
        return List.of(certificate, issuing, root);
    }

    @Override
    public PersonCertificates issuePerson(Holder holder, PublicKey authKey, PublicKey signKey) {
        int authUsage = KeyUsage.digitalSignature | (authKey instanceof RSAPublicKey ? KeyUsage.keyEncipherment : 0);
        X509Certificate authentication = issuePersonCertificate(holder, authKey, authUsage,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth,
                        KeyPurposeId.getInstance(new ASN1ObjectIdentifier(SMARTCARD_LOGON_OID))}));
        X509Certificate signature = issuePersonCertificate(holder, signKey, KeyUsage.nonRepudiation, null);
        return new PersonCertificates(authentication, signature);
    }

    @Override
    public X509Certificate issueClientCertificate(Holder holder, PublicKey key) {
        return issuePersonCertificate(holder, key, KeyUsage.digitalSignature,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }

    private X509Certificate issuePersonCertificate(Holder holder, PublicKey key, int keyUsage,
                                                   ExtendedKeyUsage extendedKeyUsage) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "SE")
                .addRDN(BCStyle.GIVENNAME, holder.givenName())
                .addRDN(BCStyle.SURNAME, holder.surname())
                .addRDN(BCStyle.SERIALNUMBER, holder.hsaId())
                .addRDN(BCStyle.CN, holder.commonName())
                .build();
        List<GeneralName> alternativeNames = new ArrayList<>();
        alternativeNames.add(new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier(UPN_OID), new DERTaggedObject(true, 0, new DERUTF8String(holder.upn()))})));
        holder.email().ifPresent(address -> alternativeNames.add(new GeneralName(GeneralName.rfc822Name, address)));
        try {
            X509v3CertificateBuilder builder = endEntityBuilder(subject, key);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (extendedKeyUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage);
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                    new PolicyInformation(new ASN1ObjectIdentifier(levelOfAssurancePolicy))));
            return sign(builder, issuingKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new TestPkiException("cannot issue a certificate for " + holder, e);
        }
    }

    @Override
    public X509Certificate issueTlsServer(PublicKey key, List<String> dnsNames, List<String> ipAddresses) {
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a TLS server certificate needs a DNS name or an IP address");
        }
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        for (String address : ipAddresses) {
            if (!isIpAddress(address)) {
                throw new IllegalArgumentException("not an IP address literal: " + address);
            }
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        String commonName = dnsNames.isEmpty() ? ipAddresses.getFirst() : dnsNames.getFirst();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "SE").addRDN(BCStyle.O, "Legitimera devkit").addRDN(BCStyle.CN, commonName).build();
        try {
            X509v3CertificateBuilder builder = endEntityBuilder(subject, key);
            int usage = KeyUsage.digitalSignature | (key instanceof RSAPublicKey ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            return sign(builder, issuingKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new TestPkiException("cannot issue a TLS server certificate for " + commonName, e);
        }
    }

    @Override
    public TlsCredential issueTlsServer(List<String> dnsNames, List<String> ipAddresses) {
        KeyPair keys = rsaKeyPair();
        return new TlsCredential(keys.getPrivate(), chainFor(issueTlsServer(keys.getPublic(), dnsNames, ipAddresses)));
    }

    private X509v3CertificateBuilder endEntityBuilder(X500Name subject, PublicKey key)
            throws GeneralSecurityException, CertIOException {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuing, serial(random),
                Date.from(notBefore), Date.from(plusYears(notBefore, 2)), subject, key);
        builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuing));
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(AccessDescription.id_ad_ocsp, uri("/ocsp")),
                new AccessDescription(AccessDescription.id_ad_caIssuers, uri(CA_ISSUERS_PATH))}));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(uri("/crl/issuing-ca.crl"))), null, null)}));
        return builder;
    }

    private GeneralName uri(String path) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, revocationBaseUrl + path);
    }

    @Override
    public void revoke(BigInteger serial) {
        underLock(folder, () -> {
            Map<BigInteger, Instant> revoked = readRevocations();
            if (revoked.putIfAbsent(serial, clock.instant().truncatedTo(ChronoUnit.SECONDS)) == null) {
                StringBuilder text = new StringBuilder();
                revoked.forEach((number, time) -> text.append(number.toString(16)).append(' ').append(time).append('\n'));
                PemFiles.writeAtomically(folder.resolve(REVOKED), text.toString());
            }
            return null;
        });
    }

    @Override
    public boolean isRevoked(BigInteger serial) {
        return revocationTime(serial).isPresent();
    }

    @Override
    public Optional<Instant> revocationTime(BigInteger serial) {
        return Optional.ofNullable(readRevocations().get(serial));
    }

    @Override
    public X509CRL issueCrl() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuing, Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        readRevocations().forEach((serial, time) -> builder.addCRLEntry(serial, Date.from(time), CRLReason.unspecified));
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuing));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(issuingKey)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new TestPkiException("cannot issue a CRL", e);
        }
    }

    private Map<BigInteger, Instant> readRevocations() {
        Path file = folder.resolve(REVOKED);
        Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return revoked;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2) {
                    revoked.put(new BigInteger(fields[0], 16), Instant.parse(fields[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TestPkiException("cannot read " + file, e);
        }
        return revoked;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TestPkiException("cannot generate an RSA key", e);
        }
    }

    /** A positive 16-byte serial number (the top bit of the first byte clear). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(126, random).setBit(125);
    }

    /** RFC 4514 text to a name encoded most significant first (C, O, CN), as the JDK reads DNs. */
    private static X500Name x500Name(String rfc4514) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc4514).getEncoded());
    }

    private static Instant plusYears(Instant instant, int years) {
        return instant.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    private interface Locked<T> {
        T run();
    }

    /** Runs under an exclusive lock on the folder's lock file, shared by every process on this machine. */
    private static <T> T underLock(Path folder, Locked<T> action) {
        Instant deadline = Instant.now().plus(LOCK_WAIT);
        try (FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            while (true) {
                try (FileLock ignored = channel.lock()) {
                    return action.run();
                } catch (OverlappingFileLockException e) {
                    // another thread of this JVM holds it
                    if (Instant.now().isAfter(deadline)) {
                        throw new TestPkiException("timed out waiting for the lock on " + folder, e);
                    }
                    Thread.sleep(20);
                }
            }
        } catch (IOException e) {
            throw new TestPkiException("cannot lock " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestPkiException("interrupted while waiting for the lock on " + folder, e);
        }
    }

    private static boolean isIpAddress(String text) {
        try {
            return InetAddress.ofLiteral(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
