package se.legitimera.keycloak.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The extension's keys in Keycloak's single-use object store, one name space per realm:
 * {@code legitimera.<realmId>.<kind>.<id>}. Bearer values (autostart tokens, poll sessions) appear only as
 * their SHA-256, so a cache dump or a log of keys never holds one.
 */
final class StoreKeys {

    private final String prefix;

    StoreKeys(String realmId) {
        this.prefix = "legitimera." + realmId + ".";
    }

    String order(String orderRef) {
        return prefix + "order." + orderRef;
    }

    String token(String autoStartToken) {
        return prefix + "token." + sha256(autoStartToken);
    }

    String transition(String orderRef, long fromVersion) {
        return prefix + "cas." + orderRef + "." + fromVersion;
    }

    String latest(String hsaId) {
        return prefix + "latest." + hsaId;
    }

    String singleUse(String key) {
        return prefix + "once." + key;
    }

    String pollSession(String token) {
        return prefix + "poll." + sha256(token);
    }

    /** Seconds from now until {@code keepUntil}, at least 1 (the store takes whole seconds). */
    static long lifespanSeconds(Clock clock, Instant keepUntil) {
        long seconds = Duration.between(clock.instant(), keepUntil).toSeconds() + 1;
        return Math.max(1, seconds);
    }

    private static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
