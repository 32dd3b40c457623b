package se.legitimera.keycloak.ciba;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolver;
import org.keycloak.services.ErrorResponseException;
import se.legitimera.keycloak.config.RealmServers;
import se.legitimera.keycloak.holder.CardHolders;

/**
 * Who a CIBA {@code login_hint} names, in a realm with a Legitimera step: the user whose HSA-id attribute is
 * the hint, else the user the hint names by username or e-mail, when that user has an HSA-id; the information
 * handed to the authentication channel is that HSA-id. A hint that names no card holder ends the request with
 * CIBA's {@code unknown_user_id} (Keycloak's own resolver answers {@code invalid_request} instead). Realms
 * without a Legitimera step keep Keycloak's resolution by username or e-mail.
 */
final class HsaIdLoginUserResolver implements CIBALoginUserResolver {

    /** CIBA core 1.0, section 13: the OpenID Provider could not identify the end-user of the hint. */
    static final String UNKNOWN_USER_ID = "unknown_user_id";
    private static final Logger LOG = Logger.getLogger(HsaIdLoginUserResolver.class);

    private final KeycloakSession session;

    HsaIdLoginUserResolver(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public UserModel getUserFromLoginHint(String loginHint) {
        RealmModel realm = session.getContext().getRealm();
        Optional<CardHolders> holders = holders(realm);
        Optional<UserModel> user = holders.isEmpty()
                ? Optional.ofNullable(KeycloakModelUtils.findUserByNameOrEmail(session, realm, loginHint))
                : cardHolder(holders.get(), realm, loginHint);
        return user.orElseThrow(() -> {
            LOG.infof("CIBA login_hint names no card holder in realm %s", realm.getName());
            return new ErrorResponseException(UNKNOWN_USER_ID, "the login_hint names no card holder",
                    Response.Status.BAD_REQUEST);
        });
    }

    @Override
    public String getInfoUsedByAuthentication(UserModel user) {
        return holders(session.getContext().getRealm()).flatMap(h -> h.hsaIdOf(user)).orElse(user.getUsername());
    }

    @Override
    public UserModel getUserFromInfoUsedByAuthentication(String info) {
        RealmModel realm = session.getContext().getRealm();
        return holders(realm).map(h -> h.withHsaId(info)).filter(users -> users.size() == 1).map(List::getFirst)
                .orElseGet(() -> KeycloakModelUtils.findUserByNameOrEmail(session, realm, info));
    }

    private Optional<UserModel> cardHolder(CardHolders holders, RealmModel realm, String hint) {
        List<UserModel> byHsaId = holders.withHsaId(hint);
        if (byHsaId.size() > 1) {
            LOG.errorf("more than one user of realm %s has the HSA-id of a CIBA login_hint", realm.getName());
            return Optional.empty();
        }
        return byHsaId.stream().findFirst()
                .or(() -> holders.byUsernameOrEmail(hint).filter(user -> holders.hsaIdOf(user).isPresent()));
    }

    private Optional<CardHolders> holders(RealmModel realm) {
        return RealmServers.firstParsedConfig(realm)
                .map(configured -> new CardHolders(session, realm, configured.config().userAttribute()));
    }

    @Override
    public void close() {
        // nothing held
    }
}
