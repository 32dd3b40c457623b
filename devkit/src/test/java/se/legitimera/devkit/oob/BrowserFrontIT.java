package se.legitimera.devkit.oob;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.OobClient;

/** The browser side: the demo RP page and the OIDC authorization-code front, completed by the app's client. */
class BrowserFrontIT {

    private static final Pattern AUTOSTART = Pattern.compile("href=\"(legitimera://[^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("'(/login/status\\?session=[^']+)'");
    private static final Pattern FINISH = Pattern.compile("window.location.href = '([^']+)'; return;");

    @TempDir
    static Path pkiFolder;
    private OobStack stack;
    private SoftwareCard card;

    @BeforeEach
    void start() throws Exception {
        stack = new OobStack(pkiFolder);
        card = stack.card("TSTNMT2321000156-1024", "Tolvan", "Tolvansson");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private static String group(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as("page contains " + pattern).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private void completeWithTheApp(String loginPage) throws Exception {
        try (OobClient client = stack.client().build()) {
            client.complete(client.fetchOrder(AutoStartLink.parse(group(AUTOSTART, loginPage))), card.withPin("123456".toCharArray()));
        }
    }

    @Test
    void whenUserLogsInAtTheDemoRp_thenTheEndPageShowsHsaIdAndName() throws Exception {
        assertThat(stack.rp.get("/demo/").body()).contains("Logga in med SITHS-kort");
        String loginPage = stack.rp.postForm("/demo/login", "").body();
        assertThat(loginPage).contains("Logga in hos Demotjänsten (devkit)");
        String status = group(STATUS, loginPage);
        assertThat(stack.rp.post(status, java.util.Map.of()).body()).containsEntry("status", "pending");
        completeWithTheApp(loginPage);
        assertThat(stack.rp.post(status, java.util.Map.of()).body()).containsEntry("status", "complete").doesNotContainKey("completionData");
        String done = stack.rp.get(group(FINISH, loginPage)).body();
        assertThat(done).contains("<dd id=\"hsaId\">TSTNMT2321000156-1024</dd>").contains("<dd id=\"name\">Tolvan Tolvansson</dd>");
    }

    @Test
    void whenRpUsesOidc_thenItGetsAnIdTokenForTheHolderSignedByTheService() throws Exception {
        String redirect = "https://127.0.0.1:9999/callback";
        String loginPage = stack.rp.get("/oidc/authorize?response_type=code&scope=openid&client_id=journalen&state=s1&nonce=n1&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8)).body();
        completeWithTheApp(loginPage);
        HttpResponse<String> back = stack.rp.get(group(FINISH, loginPage));
        assertThat(back.statusCode()).isEqualTo(302);
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?code=").endsWith("&state=s1");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        String form = "grant_type=authorization_code&client_id=journalen&code=" + code + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        HttpResponse<String> token = stack.rp.postForm("/oidc/token", form);
        assertThat(token.statusCode()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse((String) com.nimbusds.jose.util.JSONObjectUtils.parse(token.body()).get("id_token"));
        ECKey key = (ECKey) stack.service.orderSigningKeys().getKeys().getFirst();
        assertThat(idToken.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo("TSTNMT2321000156-1024");
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n1");
        assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(stack.service.origin().toString());
        assertThat(stack.rp.postForm("/oidc/token", form).statusCode()).as("a code is used once").isEqualTo(400);
    }

    @Test
    void whenRedirectUriIsNotLoopback_thenAuthorizeRefuses() throws Exception {
        assertThat(stack.rp.get("/oidc/authorize?response_type=code&scope=openid&client_id=x&redirect_uri=https%3A%2F%2Fevil.example%2Fcb")
                .statusCode()).isEqualTo(400);
    }
}
