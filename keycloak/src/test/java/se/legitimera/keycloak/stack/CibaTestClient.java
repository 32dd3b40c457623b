package se.legitimera.keycloak.stack;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * A consumption device as a CIBA client would be written with the Nimbus OAuth 2.0 SDK (poll mode): a
 * backchannel authentication request with a {@code login_hint} and a {@code binding_message}, then token
 * requests with the CIBA grant at the interval the server names, until tokens or an error other than
 * {@code authorization_pending} / {@code slow_down}; the ID token validated as {@link OidcTestClient} does.
 */
public final class CibaTestClient {

    private final OidcTestClient oidc;
    private final ClientSecretBasic authentication;
    private final SSLContext tls;

    private CibaTestClient(OidcTestClient oidc, ClientSecretBasic authentication, SSLContext tls) {
        this.oidc = oidc;
        this.authentication = authentication;
        this.tls = tls;
    }

    /** A confidential client of the issuer, authenticating with its secret (HTTP Basic). */
    public static CibaTestClient discover(URI issuer, String clientId, String secret, SSLContext tls) throws Exception {
        OidcTestClient oidc = OidcTestClient.discover(issuer, clientId, URI.create("https://127.0.0.1/unused"), tls);
        return new CibaTestClient(oidc, new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), tls);
    }

    /** What the backchannel authentication endpoint answered: a request to poll for, or an error. */
    public record Started(Optional<CIBARequestAcknowledgement> request, Optional<ErrorObject> error) {
        public CIBARequestAcknowledgement acknowledged() {
            return request.orElseThrow(() -> new AssertionError("backchannel authentication refused: "
                    + error.map(ErrorObject::toJSONObject).orElse(null)));
        }
    }

    /** The end of a request: validated tokens or the error the token endpoint gave. */
    public record Outcome(Optional<OidcTestClient.Tokens> tokens, Optional<ErrorObject> error) {
        public OidcTestClient.Tokens tokensOrFail() {
            return tokens.orElseThrow(() -> new AssertionError("token error: "
                    + error.map(ErrorObject::toJSONObject).orElse(null)));
        }

        public String errorCode() {
            return error.map(ErrorObject::getCode).orElseThrow(() -> new AssertionError("tokens were issued"));
        }
    }

    /** {@code POST .../ext/ciba/auth} with scope {@code openid profile}. */
    public Started start(String loginHint, String bindingMessage) throws Exception {
        return start(request(loginHint, bindingMessage).build());
    }

    /** As {@link #start(String, String)} for a ping-mode client: with a {@code client_notification_token}. */
    public Started startInPingMode(String loginHint, String bindingMessage) throws Exception {
        return start(request(loginHint, bindingMessage)
                .clientNotificationToken(new BearerAccessToken("it-ping-" + UUID.randomUUID())).build());
    }

    private CIBARequest.Builder request(String loginHint, String bindingMessage) {
        return new CIBARequest.Builder(authentication, new Scope("openid", "profile"))
                .endpointURI(oidc.provider().getBackChannelAuthenticationEndpointURI())
                .loginHint(loginHint).bindingMessage(bindingMessage);
    }

    private Started start(CIBARequest request) throws Exception {
        CIBAResponse response = CIBAResponse.parse(secured(request.toHTTPRequest()).send());
        return response.indicatesSuccess()
                ? new Started(Optional.of(response.toRequestAcknowledgement()), Optional.empty())
                : new Started(Optional.empty(), Optional.of(response.toErrorResponse().getErrorObject()));
    }

    /** Polls the token endpoint until the request ends, at most {@code timeout}. */
    public Outcome await(CIBARequestAcknowledgement request, Duration timeout) throws Exception {
        Duration interval = Duration.ofSeconds(Optional.ofNullable(request.getMinWaitInterval()).orElse(5));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TokenRequest tokenRequest = new TokenRequest(oidc.provider().getTokenEndpointURI(), authentication,
                    new CIBAGrant(request.getAuthRequestID()));
            TokenResponse response = OIDCTokenResponseParser.parse(secured(tokenRequest.toHTTPRequest()).send());
            if (response.indicatesSuccess()) {
                JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
                return new Outcome(Optional.of(oidc.validated(idToken, null)), Optional.empty());
            }
            ErrorObject error = response.toErrorResponse().getErrorObject();
            switch (error.getCode()) {
                case "authorization_pending" -> Thread.sleep(interval.toMillis());
                case "slow_down" -> {
                    interval = interval.plusSeconds(5); // CIBA core 1.0, section 11
                    Thread.sleep(interval.toMillis());
                }
                default -> {
                    return new Outcome(Optional.empty(), Optional.of(error));
                }
            }
        }
        throw new AssertionError("the CIBA request was still pending after " + timeout);
    }

    private HTTPRequest secured(HTTPRequest request) {
        request.setSSLSocketFactory(tls.getSocketFactory());
        return request;
    }
}
