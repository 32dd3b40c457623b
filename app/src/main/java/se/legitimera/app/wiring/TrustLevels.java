package se.legitimera.app.wiring;

import java.util.List;
import java.util.Map;
import se.legitimera.app.settings.TrustLevelPolicy;
import se.legitimera.smartcard.cert.TrustLevelTable;

/** The trust-level table the app and the CLI read certificates with: the settings' OIDs before the built-in ones. */
public final class TrustLevels {

    private TrustLevels() {
    }

    /**
     * @param configured the {@code trust-levels} setting: an administrator's word, so marked confirmed
     * @param demo       the demo PKI's test policies (OID to level), unconfirmed; empty outside the demo
     */
    public static TrustLevelTable of(List<TrustLevelPolicy> configured, Map<String, Integer> demo) {
        TrustLevelTable.Builder table = TrustLevelTable.builder();
        demo.forEach((oid, level) -> table.withPolicy(oid, "LoA" + level, false));
        configured.forEach(policy -> table.withPolicy(policy.oid(), "LoA" + policy.level(), true));
        // The built-in entries are added last and never replace one given above.
        return table.withDefaults().build();
    }
}
