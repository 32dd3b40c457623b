package se.legitimera.keycloak.authenticator;

import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.keycloak.config.PerRealmProviderFactory;
import se.legitimera.keycloak.config.RealmServers;

/** Registers "Legitimera (SITHS-kort)" as a browser-flow step with its settings. */
public final class LegitimeraAuthenticatorFactory implements AuthenticatorFactory,
        PerRealmProviderFactory<Authenticator> {

    private static final LegitimeraAuthenticator AUTHENTICATOR = new LegitimeraAuthenticator();

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(LegitimeraConfig.TRUSTED_ROOTS).label("Trusted root CAs (PEM)")
            .helpText("Root CA certificates that card certificates must chain to, PEM, one or more (SITHS e-id Root CA v2).")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(LegitimeraConfig.INTERMEDIATES).label("Issuing CAs (PEM)")
            .helpText("Issuing CA certificates that complete a card's chain: real SITHS cards send only their own certificate.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(LegitimeraConfig.TRUST_LEVELS).label("Trust-level table")
            .helpText("One 'policy OID=level' per line (level 1 to 4). A card certificate's level is the highest of its policy OIDs.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(LegitimeraConfig.ACR_VALUES).label("acr values")
            .helpText("One 'level=acr' per line; unset levels use http://id.elegnamnden.se/loa/1.0/loa<level>. acr_values of a client's request map back to the lowest level they name.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(LegitimeraConfig.OCSP_MODE).label("OCSP")
            .helpText("failClosed: only a verified 'good' answer logs in (default). failOpen: an unreachable responder lets the card in (logged). off: no revocation check.")
            .type(ProviderConfigProperty.LIST_TYPE).options("failClosed", "failOpen", "off").defaultValue("failClosed").add()
            .property().name(LegitimeraConfig.OCSP_RESPONDER).label("OCSP responder URL")
            .helpText("Ask this responder instead of the one in each certificate's AIA (optional).")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(LegitimeraConfig.ORDER_LIFETIME).label("Order lifetime (s)")
            .helpText("How long the page waits for the app, 10 to 3600 seconds.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("120").add()
            .property().name(LegitimeraConfig.CLOCK_SKEW).label("Allowed clock skew (s)")
            .helpText("How far the desktop's clock may be off, 0 to 600 seconds.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("30").add()
            .property().name(LegitimeraConfig.APP_POLL_INTERVAL).label("App poll interval (s)")
            .helpText("How often an app that waits for logins addressed to its card holder (VDI, CIBA) asks for them, 2 to 30 seconds: each waiting app sends one request per interval, and a CIBA login reaches the app within it.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("3").add()
            .property().name(LegitimeraConfig.USER_ATTRIBUTE).label("HSA-id user attribute")
            .helpText("The user attribute holding the HSA-id (fill it from an HSA catalogue by LDAP federation).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("hsaId").add()
            .property().name(LegitimeraConfig.UNKNOWN_USER).label("Unknown HSA-id")
            .helpText("refuse: a clear page says there is no account. create: a user is made from the certificate (username = HSA-id).")
            .type(ProviderConfigProperty.LIST_TYPE).options("refuse", "create").defaultValue("refuse").add()
            .property().name(LegitimeraConfig.SIGNING_ALGORITHM).label("Order-signing algorithm")
            .helpText("The realm key that signs orders for the app (Realm settings, Keys): the realm needs an active key of this algorithm.")
            .type(ProviderConfigProperty.LIST_TYPE).options("ES256", "RS256", "PS256", "ES384").defaultValue("RS256").add()
            .build();

    @Override
    public String getId() {
        return RealmServers.AUTHENTICATOR_ID;
    }

    @Override
    public String getDisplayType() {
        return "Legitimera (SITHS-kort)";
    }

    @Override
    public String getReferenceCategory() {
        return "legitimera";
    }

    @Override
    public String getHelpText() {
        return "Log in with a SITHS card through the Legitimera desktop app: the page opens the app, the card holder types the PIN.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }
}
