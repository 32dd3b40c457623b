package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The realms the stack tests import at start-up, from {@code src/test/resources/realms}. Values that belong
 * to the run ({@code ${CALLBACK_BASE}}, {@code ${TRUSTED_ROOTS_PEM}}, {@code ${OCSP_RESPONDER}}, ...) are
 * filled in as JSON string content.
 */
public final class TestRealms {

    /** Only a password user: checks the fixture, browser and client without the extension. */
    public static final String FIXTURE_CHECK = "fixture-check";
    /** The Legitimera browser flow, refuse policy for unknown HSA-ids, a user for the virtual card. */
    public static final String MAIN = "legitimera-it";
    /** The Legitimera browser flow with the create policy and no users. */
    public static final String CREATE = "legitimera-it-create";
    /** As {@link #MAIN} with orders that live 10 s (the shortest allowed), for expiry. */
    public static final String EXPIRY = "legitimera-it-expiry";
    /** The shipped realm export (keycloak/realm/legitimera-demo-realm.json), imported unchanged. */
    public static final String DEMO = "legitimera-demo";
    /** Its OIDC client. */
    public static final String DEMO_CLIENT_ID = "legitimera-demo-journal";
    /** The public OIDC client of the Legitimera realms (authorization code + PKCE S256). */
    public static final String CLIENT_ID = "it-journal";
    /** Its name, which the page and the app show. */
    public static final String CLIENT_NAME = "Journalen IT";
    /**
     * The confidential CIBA client (poll mode) of {@link #MAIN} and {@link #EXPIRY}, whose realms' CIBA
     * requests live 120 s and 10 s; its hsa_id and acr come from the Legitimera note mapper.
     */
    public static final String CIBA_CLIENT_ID = "it-ciba";
    /** Its secret: a test value of the realm files, nothing else knows it. */
    public static final String CIBA_CLIENT_SECRET = "it-ciba-test-secret";
    /** Its name, which the app shows. */
    public static final String CIBA_CLIENT_NAME = "Journalen CIBA";
    /** A CIBA client of {@link #MAIN} in ping mode, which the extension does not serve; same secret. */
    public static final String CIBA_PING_CLIENT_ID = "it-ciba-ping";

    static final List<String> FILES = List.of("fixture-check-realm.json", "legitimera-it-realm.json",
            "legitimera-it-create-realm.json", "legitimera-it-expiry-realm.json");

    private TestRealms() {
    }

    static void writeImports(Path folder, Map<String, String> values) throws IOException {
        for (String name : FILES) {
            try (InputStream in = TestRealms.class.getResourceAsStream("/realms/" + name)) {
                if (in == null) {
                    throw new IOException("test realm /realms/" + name + " is not on the class path");
                }
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                for (Map.Entry<String, String> value : values.entrySet()) {
                    json = json.replace("${" + value.getKey() + "}", jsonString(value.getValue()));
                }
                if (json.matches("(?s).*\\$\\{[A-Z_]+}.*")) {
                    throw new IOException("test realm " + name + " has a placeholder without a value");
                }
                Files.writeString(folder.resolve(name), json);
            }
        }
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
