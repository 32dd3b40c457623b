package se.legitimera.keycloak.stack;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderConfigurationRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A relying party as a web application would be written with the Nimbus OAuth 2.0 SDK: discovery,
 * authorization code flow with PKCE (S256), state and nonce, the code redeemed at the token endpoint and
 * the ID token validated with the issuer's published keys.
 */
public final class OidcTestClient {

    private final OIDCProviderMetadata provider;
    private final ClientID clientId;
    private final URI redirectUri;
    private final SSLContext tls;
    private final JWSAlgorithm idTokenAlgorithm;
    private final Route route;

    private OidcTestClient(OIDCProviderMetadata provider, ClientID clientId, URI redirectUri, SSLContext tls,
                           JWSAlgorithm idTokenAlgorithm, Route route) {
        this.provider = provider;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.tls = tls;
        this.idTokenAlgorithm = idTokenAlgorithm;
        this.route = route;
    }

    /** Discovers the issuer's endpoints over TLS that trusts {@code tls}'s roots only. */
    public static OidcTestClient discover(URI issuer, String clientId, URI redirectUri, SSLContext tls) throws Exception {
        return discover(issuer, clientId, redirectUri, tls, Route.DIRECT);
    }

    /** As {@link #discover(URI, String, URI, SSLContext)}, asking the node {@code route} sends the issuer's URL to. */
    public static OidcTestClient discover(URI issuer, String clientId, URI redirectUri, SSLContext tls, Route route)
            throws Exception {
        HTTPRequest request = routed(new OIDCProviderConfigurationRequest(new Issuer(issuer)).toHTTPRequest(), route, tls);
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(request.send().getBodyAsJSONObject());
        if (!metadata.getIssuer().getValue().equals(issuer.toString())) {
            throw new AssertionError("discovery names issuer " + metadata.getIssuer() + ", not " + issuer);
        }
        return new OidcTestClient(metadata, new ClientID(clientId), redirectUri, tls, JWSAlgorithm.RS256, route);
    }

    /** The same client expecting ID tokens signed with {@code algorithm} (Keycloak's realms sign with RS256). */
    public OidcTestClient expectingIdTokensSignedWith(JWSAlgorithm algorithm) {
        return new OidcTestClient(provider, clientId, redirectUri, tls, algorithm, route);
    }

    /** The same client redeeming codes and reading keys where {@code route} sends the issuer's URLs. */
    public OidcTestClient via(Route route) {
        return new OidcTestClient(provider, clientId, redirectUri, tls, idTokenAlgorithm, route);
    }

    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * A new login: the authorization request URL the browser is sent to, with its state, nonce and
     * verifier.
     *
     * @param acrValues requested {@code acr_values}, none when empty
     */
    public Login start(List<String> acrValues) {
        return start(acrValues, null);
    }

    /** As {@link #start(List)}, with a {@code login_hint} when not null. */
    public Login start(List<String> acrValues, String loginHint) {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile"), clientId, redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
        if (loginHint != null) {
            builder.loginHint(loginHint);
        }
        if (!acrValues.isEmpty()) {
            builder.acrValues(acrValues.stream().map(ACR::new).toList());
        }
        return new Login(builder.build().toURI(), state, nonce, verifier);
    }

    /**
     * Redeems the code of the browser's redirect and validates the ID token (signature with the issuer's
     * JWK set, issuer, audience, expiry, nonce).
     *
     * @throws AssertionError when the redirect carries an error or the token response is one
     */
    public Tokens finish(Login login, URI redirect) throws Exception {
        AuthenticationResponse response = AuthenticationResponseParser.parse(redirect);
        if (response instanceof AuthenticationErrorResponse error) {
            throw new AssertionError("authorization error: " + error.getErrorObject());
        }
        AuthenticationSuccessResponse success = (AuthenticationSuccessResponse) response;
        if (!login.state().equals(success.getState())) {
            throw new AssertionError("state mismatch");
        }
        AuthorizationCode code = success.getAuthorizationCode();
        HTTPRequest request = routed(new TokenRequest(provider.getTokenEndpointURI(), clientId,
                new AuthorizationCodeGrant(code, redirectUri, login.verifier())).toHTTPRequest(), route, tls);
        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(request.send());
        if (!tokenResponse.indicatesSuccess()) {
            throw new AssertionError("token error: " + tokenResponse.toErrorResponse().getErrorObject());
        }
        JWT idToken = ((OIDCTokenResponse) tokenResponse.toSuccessResponse()).getOIDCTokens().getIDToken();
        return validated(idToken, login.nonce());
    }

    /** The issuer's metadata, as discovered. */
    public OIDCProviderMetadata provider() {
        return provider;
    }

    /**
     * An ID token validated for this client: signature with the issuer's JWK set, issuer, audience, expiry,
     * and the nonce when the flow has one (CIBA has none).
     */
    public Tokens validated(JWT idToken, Nonce nonce) throws Exception {
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), clientId, idTokenAlgorithm, keys());
        return new Tokens(idToken, validator.validate(idToken, nonce));
    }

    private JWKSet keys() throws Exception {
        HTTPRequest request = routed(new HTTPRequest(HTTPRequest.Method.GET, provider.getJWKSetURI()), route, tls);
        HTTPResponse response = request.send();
        return JWKSet.parse(response.getBody());
    }

    /** {@code request} to the URL {@code route} gives, over {@code tls}. */
    private static HTTPRequest routed(HTTPRequest request, Route route, SSLContext tls) {
        HTTPRequest routed = new HTTPRequest(request.getMethod(), route.apply(request.getURI()));
        request.getHeaderMap().forEach((name, values) -> routed.setHeader(name, values.toArray(String[]::new)));
        routed.setBody(request.getBody());
        routed.setSSLSocketFactory(tls.getSocketFactory());
        return routed;
    }

    /** One login's authorization request and the values its answer must match. */
    public record Login(URI authorizationRequest, State state, Nonce nonce, CodeVerifier verifier) {
    }

    /** The validated ID token. */
    public record Tokens(JWT idToken, IDTokenClaimsSet claims) {
    }
}
