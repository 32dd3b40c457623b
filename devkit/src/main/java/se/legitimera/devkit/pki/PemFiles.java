package se.legitimera.devkit.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Reads and writes single certificates and unencrypted PKCS#8 private keys as PEM files, the format of
 * every devkit folder (test PKI, virtual card state). Writes go through a temporary file and an atomic
 * move, so a reader never sees half a file. Unencrypted keys are fine here: these are test keys.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** Writes a certificate as a "CERTIFICATE" PEM block. */
    public static void writeCertificate(Path file, X509Certificate certificate) {
        writeObject(file, certificate);
    }

    /** Writes a private key as an unencrypted PKCS#8 "PRIVATE KEY" PEM block. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        try {
            writeObject(file, new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new TestPkiException("cannot encode private key for " + file, e);
        }
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path file) {
        Object object = readObject(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new TestPkiException("no certificate in " + file, null);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new TestPkiException("broken certificate in " + file, e);
        }
    }

    /** Reads an unencrypted PKCS#8 private key from a PEM file. */
    public static PrivateKey readPrivateKey(Path file) {
        Object object = readObject(file);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new TestPkiException("no PKCS#8 private key in " + file, null);
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new TestPkiException("broken private key in " + file, e);
        }
    }

    /** Writes text atomically (temporary file + move), e.g. a small state file. */
    public static void writeAtomically(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new TestPkiException("cannot write " + file, e);
        }
    }

    private static void writeObject(Path file, Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAtomically(file, text.toString());
    }

    private static Object readObject(Path file) {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            return parser.readObject();
        } catch (IOException e) {
            throw new TestPkiException("cannot read " + file, e);
        }
    }
}
