package se.legitimera.keycloak.authenticator;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.keycloak.authentication.AuthenticationFlowContext;
import se.legitimera.keycloak.config.RelyingParty;

/**
 * The Legitimera login page ({@code theme-resources/templates/legitimera-login.ftl}) in its two states:
 * waiting for the order, and ended with a failure and "Försök igen".
 */
final class LoginPage {

    static final String TEMPLATE = "legitimera-login.ftl";

    private LoginPage() {
    }

    static Response waiting(AuthenticationFlowContext context, String autoStartUrl, URI statusUrl, String clientName) {
        return context.form()
                .setAttribute("legitimeraState", "waiting")
                .setAttribute("legitimeraAutoStartUrl", autoStartUrl)
                .setAttribute("legitimeraStatusUrl", statusUrl.toString())
                .setAttribute("legitimeraClientName", clientName)
                .createForm(TEMPLATE);
    }

    static Response failed(AuthenticationFlowContext context, FailureTexts failure) {
        String clientName = context.getAuthenticationSession() == null ? ""
                : RelyingParty.name(context.getAuthenticationSession().getClient());
        return context.form()
                .setAttribute("legitimeraState", "failed")
                .setAttribute("legitimeraFailure", failure.id())
                .setAttribute("legitimeraFailureMessage", failure.messageKey())
                .setAttribute("legitimeraClientName", clientName)
                .createForm(TEMPLATE);
    }
}
