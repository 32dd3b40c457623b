package se.legitimera.keycloak.authenticator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.keycloak.holder.CardHolders;
import se.legitimera.oob.server.Completion;

/**
 * Finds the Keycloak user of a verified card holder by the HSA-id attribute (so LDAP federation from an HSA
 * catalogue serves), and under the create policy makes one from the certificate.
 */
final class UserLookup {

    private static final Logger LOG = Logger.getLogger(UserLookup.class);
    private static final Map<String, String> NAME_OIDS = Map.of("2.5.4.42", "GIVENNAME", "2.5.4.4", "SURNAME");

    sealed interface Result {
        record Found(UserModel user) implements Result {
        }

        record Unknown() implements Result {
        }

        record Ambiguous() implements Result {
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LegitimeraConfig config;

    UserLookup(KeycloakSession session, RealmModel realm, LegitimeraConfig config) {
        this.session = session;
        this.realm = realm;
        this.config = config;
    }

    Result find(Completion completion) {
        List<UserModel> users = new CardHolders(session, realm, config.userAttribute()).withHsaId(completion.hsaId());
        if (users.size() > 1) {
            return new Result.Ambiguous();
        }
        if (users.size() == 1) {
            return new Result.Found(users.getFirst());
        }
        if (config.unknownUser() == LegitimeraConfig.UnknownUserPolicy.REFUSE) {
            LOG.infof("no user of realm %s has %s %s (policy: refuse)", realm.getName(), config.userAttribute(),
                    completion.hsaId());
            return new Result.Unknown();
        }
        String username = completion.hsaId().toLowerCase(Locale.ROOT);
        if (session.users().getUserByUsername(realm, username) != null) {
            // a user of that name without the attribute: never take over an account by its name alone
            LOG.warnf("user %s of realm %s exists without %s: not created, not linked", username, realm.getName(),
                    config.userAttribute());
            return new Result.Ambiguous();
        }
        UserModel user = session.users().addUser(realm, username);
        user.setEnabled(true);
        user.setSingleAttribute(config.userAttribute(), completion.hsaId());
        X500Principal subject = completion.certificate().getSubjectX500Principal();
        String given = attribute(subject, "GIVENNAME");
        String surname = attribute(subject, "SURNAME");
        if (given == null && surname == null) {
            int space = completion.name().lastIndexOf(' ');
            given = space > 0 ? completion.name().substring(0, space) : completion.name();
            surname = space > 0 ? completion.name().substring(space + 1) : null;
        }
        user.setFirstName(given);
        user.setLastName(surname);
        email(completion).ifPresent(user::setEmail); // from the CA's SAN; not marked verified by us
        LOG.infof("created user %s in realm %s from the card's certificate", username, realm.getName());
        return new Result.Found(user);
    }

    /** The first rfc822Name of the certificate's SAN: a user profile that requires an e-mail then needs no form. */
    private static java.util.Optional<String> email(Completion completion) {
        try {
            var names = completion.certificate().getSubjectAlternativeNames();
            if (names == null) {
                return java.util.Optional.empty();
            }
            return names.stream().filter(n -> n.size() == 2 && Integer.valueOf(1).equals(n.get(0)))
                    .map(n -> (String) n.get(1)).findFirst();
        } catch (java.security.cert.CertificateParsingException e) {
            LOG.debugf("certificate SAN unreadable: %s", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static String attribute(X500Principal subject, String type) {
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253, NAME_OIDS)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            LOG.debugf("certificate subject unreadable: %s", e.getMessage());
        }
        return null;
    }
}
