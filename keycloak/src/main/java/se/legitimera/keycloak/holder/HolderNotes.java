package se.legitimera.keycloak.holder;

import java.util.LinkedHashMap;
import java.util.Map;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.oob.server.Completion;

/**
 * What a completed order tells about the card holder, as the notes protocol mappers put in tokens: the
 * browser flow writes them as user-session notes, CIBA hands them to Keycloak with the approval (they reach
 * the CIBA grant's client session), and {@link se.legitimera.keycloak.mapper.HolderNoteMapper} reads either.
 */
public final class HolderNotes {

    public static final String HSA_ID = "hsa_id";
    public static final String TRUST_LEVEL = "legitimera.trust_level";
    public static final String ACR = "legitimera.acr";
    public static final String CERT_SERIAL = "legitimera.cert_serial";
    public static final String CERT_ISSUER = "legitimera.cert_issuer";
    public static final String PERSONAL_IDENTITY_NUMBER = "legitimera.personal_identity_number";

    private HolderNotes() {
    }

    /** The notes of a completion, the acr value taken from the configuration's table. */
    public static Map<String, String> of(Completion completion, LegitimeraConfig config) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(HSA_ID, completion.hsaId());
        completion.trustLevel().ifPresent(level -> {
            notes.put(TRUST_LEVEL, Integer.toString(level));
            notes.put(ACR, config.acrByLevel().get(level));
        });
        notes.put(CERT_SERIAL, completion.certificate().getSerialNumber().toString(16));
        notes.put(CERT_ISSUER, completion.certificate().getIssuerX500Principal().getName());
        completion.personalIdentityNumber().ifPresent(number -> notes.put(PERSONAL_IDENTITY_NUMBER, number.digits()));
        return notes;
    }
}
