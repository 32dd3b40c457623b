package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The realms the stack tests import at start-up, from {@code src/test/resources/realms}. Their client
 * redirect URIs name the callback server of the run ({@code ${CALLBACK_BASE}} in the files).
 */
public final class TestRealms {

    /** The realm with the Legitimera browser flow and the refuse policy for unknown HSA-ids. */
    public static final String MAIN = "legitimera-it";
    /** The public OIDC client of the test realms (authorization code + PKCE S256). */
    public static final String CLIENT_ID = "it-journal";

    static final List<String> FILES = List.of("legitimera-it-realm.json");

    private TestRealms() {
    }

    static void writeImports(Path folder, URI callbackBase) throws IOException {
        for (String name : FILES) {
            try (InputStream in = TestRealms.class.getResourceAsStream("/realms/" + name)) {
                if (in == null) {
                    throw new IOException("test realm /realms/" + name + " is not on the class path");
                }
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("${CALLBACK_BASE}", callbackBase.toString());
                Files.writeString(folder.resolve(name), json);
            }
        }
    }
}
