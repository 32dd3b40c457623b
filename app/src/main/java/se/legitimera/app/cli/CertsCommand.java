package se.legitimera.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.legitimera.app.launcher.UserFolders;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsStore;
import se.legitimera.app.wiring.LoadedModules;
import se.legitimera.app.wiring.TrustLevels;
import se.legitimera.smartcard.cert.IssuerLocator;
import se.legitimera.smartcard.cert.RevocationChecker;
import se.legitimera.smartcard.cert.RevocationResult;
import se.legitimera.smartcard.cert.SithsCertificate;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.cert.TrustLevel;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;

/** {@code legitimera certs}: every certificate on every token, read as a SITHS certificate. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Shows every certificate on every token: holder, HSA-id, personal identity number (masked),"
                + " UPN, e-mail, issuer, validity and days left, usage (identification/signature), trust level,"
                + " OCSP and CRL addresses.",
            "With --check-revocation each certificate is checked by OCSP; no verified answer shows as UNKNOWN."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Success (also when a certificate is revoked: see its status).",
            "1:Unexpected error (see the log).",
            "2:Invalid command line.",
            "5:No PKCS#11 module or no token found, or the card was removed while reading: insert it and try again."})
public final class CertsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModuleOption moduleOption;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = "--check-revocation", description = "Ask each certificate's OCSP responder (network, 5 s timeout).")
    private boolean checkRevocation;

    private final Clock clock = Clock.systemUTC();
    private final Supplier<Settings> settings;

    /** The command as the launcher runs it: trust levels from the user's settings and the machine policy. */
    public CertsCommand() {
        this(() -> SettingsStore.builder().withUserFile(UserFolders.forCurrentUser().settingsFile()).build().load());
    }

    CertsCommand(Supplier<Settings> settings) {
        this.settings = settings;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedModules loaded = LoadedModules.load(moduleOption.paths())) {
            if (!loaded.reportLoaded(err)) {
                return ExitCodes.NO_CARD;
            }
            List<LoadedModules.Found> found = loaded.certificates();
            if (found.isEmpty()) {
                err.println("No certificate found on any token.");
                return ExitCodes.NO_CARD;
            }
            Settings configured = settings.get();
            configured.problems().stream().filter(p -> p.key().equals(SettingKey.TRUST_LEVELS.name()))
                    .forEach(p -> err.println("warning: setting ignored: " + p));
            SithsCertificateReader reader = SithsCertificateReader.builder().withClock(clock).withTrustLevels(
                    TrustLevels.of(configured.get(SettingKey.TRUST_LEVELS).value(), Map.of())).build();
            RevocationChecker revocation = RevocationChecker.builder().withClock(clock).build();
            IssuerLocator issuers = IssuerLocator.builder()
                    .withKnownCertificates(found.stream().map(f -> f.certificate().certificate()).toList()).build();
            List<Object> entries = new ArrayList<>();
            for (LoadedModules.Found f : found) {
                SithsCertificate c = reader.read(f.certificate().certificate());
                Map<String, Object> m = describe(f, c);
                if (checkRevocation) {
                    m.put("revocation", issuers.issuerOf(c.x509())
                            .map(issuer -> describe(revocation.check(c.x509(), issuer)))
                            .orElse(Map.of("status", "UNKNOWN", "detail", "issuer certificate not available")));
                }
                entries.add(m);
            }
            if (json) {
                out.println(JsonText.of(Map.of("certificates", entries)));
            } else {
                entries.forEach(e -> printText(out, e, ""));
            }
            return ExitCodes.OK;
        } catch (Pkcs11Exception e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    private static Map<String, Object> describe(LoadedModules.Found f, SithsCertificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reader", f.token().slot().description());
        m.put("module", f.token().module().library().getFileName().toString());
        m.put("label", f.certificate().label());
        m.put("id", f.certificate().idHex());
        m.put("holder", c.holderName());
        m.put("hsaId", c.hsaId().orElse(null));
        m.put("personalIdentityNumber", c.personalIdentityNumber().map(p -> p.masked()).orElse(null));
        m.put("upn", c.userPrincipalName().orElse(null));
        m.put("email", c.emails());
        m.put("usage", c.usage().name());
        m.put("issuer", c.issuer());
        m.put("serialNumber", c.x509().getSerialNumber().toString(16));
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("daysLeft", c.daysLeft());
        m.put("trustLevel", c.trustLevel().level()
                + (c.trustLevel().confirmed() || c.trustLevel().equals(TrustLevel.UNKNOWN) ? "" : " (UNCONFIRMED)"));
        m.put("trustSource", c.trustLevel().source());
        m.put("ocsp", c.ocspUrls().stream().map(Object::toString).toList());
        m.put("crl", c.crlUrls().stream().map(Object::toString).toList());
        return m;
    }

    private static Map<String, Object> describe(RevocationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        m.put("detail", r.detail());
        r.responder().ifPresent(u -> m.put("responder", u.toString()));
        r.revokedAt().ifPresent(t -> m.put("revokedAt", t.toString()));
        r.nextUpdate().ifPresent(t -> m.put("nextUpdate", t.toString()));
        return m;
    }

    private static void printText(PrintWriter out, Object entry, String indent) {
        if (entry instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map<?, ?>) {
                    out.printf("%s%s:%n", indent, e.getKey());
                    printText(out, v, indent + "  ");
                } else if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                    out.printf("%s%-24s %s%n", indent, e.getKey(), v instanceof List<?> l ? String.join(", ",
                            l.stream().map(Object::toString).toList()) : v);
                }
            }
            if (indent.isEmpty()) {
                out.println();
            }
        }
    }
}
