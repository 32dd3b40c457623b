package se.legitimera.keycloak.stack;

import java.net.URI;
import java.util.List;

/**
 * The try-out behind {@code scripts/keycloak-demo.sh}: the stack tests' Keycloak (distribution, provider,
 * TLS and OCSP from the devkit PKI, the shipped demo realm) kept running, with the demo client waiting at its
 * redirect URI. Each login printed here ends with the validated ID token's claims. Ctrl-C stops Keycloak
 * (the fixture's shutdown hook, by PID).
 */
public final class KeycloakDemo {

    private KeycloakDemo() {
    }

    public static void main(String[] args) throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.DEMO), TestRealms.DEMO_CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        System.out.printf("%nKeycloak %s is ready on %s (started in %d s); its log: %s%n", "26.7.3", keycloak.baseUrl(),
                keycloak.startTime().toSeconds(), keycloak.log());
        System.out.printf("The app trusts it with --trust %s --allow %s (TLS pin %s)%n", keycloak.trustPem(),
                keycloak.baseUrl(), keycloak.tlsPin());
        while (true) {
            OidcTestClient.Login login = client.start(List.of());
            System.out.printf("%nOpen this login of the demo client \"Demojournalen\" in a browser:%n  %s%n",
                    login.authorizationRequest());
            System.out.println("Then hand the page's legitimera:// link (its \"Öppna Legitimera\" button) to the app:");
            System.out.printf("  app/target/legitimera auth 'legitimera://...' --trust %s --allow %s%n",
                    keycloak.trustPem(), keycloak.baseUrl());
            URI redirect = keycloak.callback().nextRedirect();
            try {
                OidcTestClient.Tokens tokens = client.finish(login, redirect);
                System.out.printf("%nLogged in. ID token claims (signature checked with the realm's keys):%n  %s%n",
                        tokens.claims().toJSONObject());
            } catch (AssertionError | Exception e) {
                System.out.printf("%nThe login did not complete: %s%n", e.getMessage());
            }
        }
    }
}
