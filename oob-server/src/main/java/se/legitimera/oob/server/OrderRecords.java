package se.legitimera.oob.server;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import se.legitimera.smartcard.cert.PersonalIdentityNumber;

/**
 * {@link OrderRecord}s as string maps and back, for stores that keep string maps (Keycloak's single-use
 * object store keeps {@code Map<String, String>} notes). Host attributes are kept under {@code host.<key>}.
 */
public final class OrderRecords {

    private static final String HOST = "host.";

    private OrderRecords() {
    }

    /** The record as a string map; the map holds the autostart token and the proof: store it as a secret. */
    public static Map<String, String> toMap(OrderRecord order) {
        Map<String, String> map = new HashMap<>();
        map.put("orderRef", order.orderRef());
        map.put("autoStartToken", order.autoStartToken());
        map.put("rpName", order.rpName());
        map.put("rpOrigin", order.rpOrigin());
        order.message().ifPresent(m -> map.put("message", m));
        order.hsaId().ifPresent(h -> map.put("hsaId", h));
        order.requestedLoa().ifPresent(l -> map.put("requestedLoa", Integer.toString(l)));
        map.put("challenge", order.challenge());
        map.put("createdAt", order.createdAt().toString());
        map.put("expiresAt", order.expiresAt().toString());
        map.put("orderJws", order.orderJws());
        map.put("status", order.status().code());
        order.hint().ifPresent(h -> map.put("hint", h.code()));
        map.put("fetched", Boolean.toString(order.fetched()));
        map.put("version", Long.toString(order.version()));
        order.completion().ifPresent(c -> {
            map.put("c.hsaId", c.hsaId());
            map.put("c.name", c.name());
            c.personalIdentityNumber().ifPresent(p -> map.put("c.personalIdentityNumber", p.digits()));
            c.trustLevel().ifPresent(l -> map.put("c.trustLevel", Integer.toString(l)));
            List<String> chain = new ArrayList<>();
            for (X509Certificate certificate : c.chain()) {
                try {
                    chain.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
                } catch (CertificateEncodingException e) {
                    throw new IllegalStateException("a validated certificate cannot be encoded", e);
                }
            }
            map.put("c.chain", String.join(",", chain));
            map.put("c.proof", c.proof());
            map.put("c.signedAt", c.signedAt().toString());
        });
        order.hostAttributes().forEach((k, v) -> map.put(HOST + k, v));
        return map;
    }

    /**
     * The record from {@link #toMap(OrderRecord)}'s map.
     *
     * @throws IllegalArgumentException when the map is not one
     */
    public static OrderRecord fromMap(Map<String, String> map) {
        try {
            Optional<Completion> completion = Optional.empty();
            if (map.containsKey("c.hsaId")) {
                List<X509Certificate> chain = new ArrayList<>();
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (String der : required(map, "c.chain").split(",")) {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(der))));
                }
                completion = Optional.of(new Completion(required(map, "c.hsaId"), required(map, "c.name"),
                        Optional.ofNullable(map.get("c.personalIdentityNumber")).flatMap(PersonalIdentityNumber::parse),
                        optionalInt(map.get("c.trustLevel")), chain, required(map, "c.proof"),
                        Instant.parse(required(map, "c.signedAt"))));
            }
            Map<String, String> host = new HashMap<>();
            map.forEach((k, v) -> {
                if (k.startsWith(HOST)) {
                    host.put(k.substring(HOST.length()), v);
                }
            });
            String status = required(map, "status");
            return new OrderRecord(required(map, "orderRef"), required(map, "autoStartToken"),
                    required(map, "rpName"), required(map, "rpOrigin"), Optional.ofNullable(map.get("message")),
                    Optional.ofNullable(map.get("hsaId")), optionalInt(map.get("requestedLoa")),
                    required(map, "challenge"), Instant.parse(required(map, "createdAt")),
                    Instant.parse(required(map, "expiresAt")), required(map, "orderJws"),
                    java.util.Arrays.stream(OrderStatus.values()).filter(s -> s.code().equals(status)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown status " + status)),
                    Optional.ofNullable(map.get("hint")).map(h -> HintCode.fromCode(h)
                            .orElseThrow(() -> new IllegalArgumentException("unknown hint code " + h))),
                    Boolean.parseBoolean(required(map, "fetched")), completion, host,
                    Long.parseLong(required(map, "version")));
        } catch (CertificateException | java.time.format.DateTimeParseException | ClassCastException e) {
            throw new IllegalArgumentException("not a stored order: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> map, String key) {
        String value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("stored order lacks " + key);
        }
        return value;
    }

    private static OptionalInt optionalInt(String value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }
}
