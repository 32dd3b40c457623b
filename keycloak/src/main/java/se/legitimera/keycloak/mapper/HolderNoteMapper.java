package se.legitimera.keycloak.mapper;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.oidc.grants.ciba.CibaGrantType;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.UserSessionNoteMapper;
import org.keycloak.representations.IDToken;

/**
 * Keycloak's "User Session Note" mapper that also finds the card holder's notes of a CIBA login. The browser
 * flow writes them as user-session notes; a CIBA grant makes its own user session and keeps what the
 * approval handed over only as client-session notes ({@code ciba_callback_response_param_<note>}). Configured
 * exactly as Keycloak's mapper ({@code user.session.note}, claim name, JSON type, tokens), so one mapper per
 * claim serves both flows with the same claims.
 */
public final class HolderNoteMapper extends UserSessionNoteMapper {

    public static final String ID = "oidc-legitimera-note-mapper";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Legitimera card holder note";
    }

    @Override
    public String getHelpText() {
        return "A Legitimera note (hsa_id, legitimera.acr, ...) of the browser flow's user session or of a CIBA login, as a claim.";
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionContext) {
        String note = mapping.getConfig().get(ProtocolMapperUtils.USER_SESSION_NOTE);
        String value = userSession.getNote(note);
        AuthenticatedClientSessionModel clientSession = clientSessionContext == null ? null
                : clientSessionContext.getClientSession();
        if (value == null && clientSession != null) {
            value = clientSession.getNote(CibaGrantType.ADDITIONAL_CALLBACK_PARAMS_PREFIX + note);
        }
        if (value != null) {
            OIDCAttributeMapperHelper.mapClaim(token, mapping, value);
        }
    }
}
