package se.legitimera.keycloak.holder;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak users as card holders: found by the HSA-id user attribute (which LDAP federation from an HSA
 * catalogue can fill), and the HSA-id a {@code login_hint} names. Shared by the browser flow and CIBA so
 * that a hint means the same in both.
 */
public final class CardHolders {

    private static final Pattern HSA_ID = Pattern.compile("[A-Z]{2}[A-Z0-9]*-[A-Za-z0-9]+");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String attribute;

    /** @param attribute the user attribute that holds the HSA-id ({@code legitimera.userAttribute}) */
    public CardHolders(KeycloakSession session, RealmModel realm, String attribute) {
        this.session = session;
        this.realm = realm;
        this.attribute = attribute;
    }

    /** Up to two users with this HSA-id: more than one is a configuration error the caller reports. */
    public List<UserModel> withHsaId(String hsaId) {
        return session.users().searchForUserByUserAttributeStream(realm, attribute, hsaId).limit(2).toList();
    }

    /** The user's HSA-id, if the attribute is set. */
    public Optional<String> hsaIdOf(UserModel user) {
        return Optional.ofNullable(user.getFirstAttribute(attribute)).filter(value -> !value.isBlank());
    }

    /** The user a hint names by username, or by e-mail when it has an {@code @}. */
    public Optional<UserModel> byUsernameOrEmail(String hint) {
        UserModel user = session.users().getUserByUsername(realm, hint);
        if (user == null && hint.contains("@")) {
            user = session.users().getUserByEmail(realm, hint);
        }
        return Optional.ofNullable(user);
    }

    /**
     * The HSA-id a {@code login_hint} names: the attribute of the user it names (username or e-mail), or the
     * hint itself when it has the form of an HSA-id.
     */
    public Optional<String> addressedBy(String hint) {
        if (hint == null || hint.isBlank()) {
            return Optional.empty();
        }
        return byUsernameOrEmail(hint).flatMap(this::hsaIdOf).or(() -> HSA_ID.matcher(hint).matches()
                ? Optional.of(hint) : Optional.empty());
    }
}
