package se.legitimera.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.legitimera.app.wiring.LoadedModules;
import se.legitimera.smartcard.cert.CertificateUsage;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.pkcs11.HashAlgorithm;
import se.legitimera.smartcard.pkcs11.KeyAlgorithm;
import se.legitimera.smartcard.pkcs11.PinException;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/** {@code legitimera sign}: signs a file with the card's identification or signature key. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Signs a file with a card key and writes the plain signature:"
                + " PKCS#1 v1.5 (or PSS with --pss) for RSA, DER-encoded ECDSA for EC.",
            "Check it with OpenSSL, e.g.:",
            "  legitimera certs --json   (find the certificate), export its public key to pub.pem, then",
            "  openssl dgst -sha256 -verify pub.pem -signature FILE.sig FILE",
            "(for --pss add: -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Success.",
            "1:Unexpected error (see the log).",
            "2:Invalid command line, or no console for the PIN prompt (use --stdin).",
            "3:Wrong PIN (or PIN of a length the card refuses); the card counted a try.",
            "4:PIN blocked: unblock it with the PUK.",
            "5:No PKCS#11 module, token or matching certificate/key found, or the card was removed during the operation.",
            "6:Not supported by the card or middleware (e.g. PSS on an EC key)."})
public final class SignCommand implements Callable<Integer> {

    /** Which card certificate's key signs. */
    enum CertChoice { auth, sign }

    /** Hash names as on the command line. */
    enum Hash {
        sha256(HashAlgorithm.SHA256), sha384(HashAlgorithm.SHA384), sha512(HashAlgorithm.SHA512);

        final HashAlgorithm algorithm;

        Hash(HashAlgorithm algorithm) {
            this.algorithm = algorithm;
        }
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModuleOption moduleOption;

    @Option(names = "--cert", required = true, paramLabel = "auth|sign",
            description = "auth: the identification (Legitimering) key; sign: the signature (Underskrift) key.")
    private CertChoice cert;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to sign.")
    private Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the signature (default: stdout).")
    private Path out;

    @Option(names = "--hash", defaultValue = "sha256", paramLabel = "sha256|sha384|sha512",
            description = "Hash algorithm (default: ${DEFAULT-VALUE}).")
    private Hash hash;

    @Option(names = "--pss", description = "RSA-PSS (MGF1 with the same hash, salt length = hash length) instead of PKCS#1 v1.5.")
    private boolean pss;

    @Option(names = "--stdin", description = "Read the PIN from the first line of stdin instead of prompting.")
    private boolean stdin;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        byte[] data = Files.readAllBytes(in);
        char[] pin = null;
        try (LoadedModules loaded = LoadedModules.load(moduleOption.paths())) {
            loaded.reportFailures(err);
            CertificateUsage wanted = cert == CertChoice.auth ? CertificateUsage.IDENTIFICATION : CertificateUsage.SIGNATURE;
            SithsCertificateReader reader = SithsCertificateReader.builder().build();
            LoadedModules.Found chosen = null;
            for (LoadedModules.Found f : loaded.certificates()) {
                if (reader.read(f.certificate().certificate()).usage() == wanted) {
                    chosen = f;
                    break;
                }
            }
            if (chosen == null) {
                err.println("No " + (cert == CertChoice.auth ? "identification" : "signature") + " certificate on any token.");
                return ExitCodes.NO_CARD;
            }
            KeyAlgorithm key = chosen.certificate().certificate().getPublicKey().getAlgorithm().equals("EC")
                    ? KeyAlgorithm.EC : KeyAlgorithm.RSA;
            SignatureScheme scheme = scheme(key);
            pin = stdin ? PinInput.firstLine(System.in)
                    : PinInput.fromConsole("PIN for " + chosen.token().info().label() + ": ");
            if (pin == null) {
                err.println("No console to ask for the PIN: use --stdin.");
                return ExitCodes.USAGE;
            }
            byte[] signature = chosen.token().sign(chosen.certificate(), scheme, data, pin);
            if (out == null) {
                OutputStream stdout = System.out;
                stdout.write(signature);
                stdout.flush();
            } else {
                Files.write(out, signature);
            }
            return ExitCodes.OK;
        } catch (PinException e) {
            err.println("error: " + e.getMessage()
                    + e.triesLeft().stream().mapToObj(n -> ", " + n + " tries left").findFirst().orElse(""));
            return ExitCodes.of(e);
        } catch (Pkcs11Exception e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private SignatureScheme scheme(KeyAlgorithm key) {
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.keyAlgorithm() == key && s.hash() == hash.algorithm && s.isPss() == (pss && key == KeyAlgorithm.RSA)) {
                return s;
            }
        }
        throw new IllegalStateException("every key and hash has a scheme");
    }
}
