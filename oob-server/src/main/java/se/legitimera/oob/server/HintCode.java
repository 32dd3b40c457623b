package se.legitimera.oob.server;

import java.util.Optional;

/**
 * The hint codes of docs/oob-protocol.md section 6: why an order is still pending or why it failed. The wire
 * form is {@link #code()}.
 */
public enum HintCode {
    /** Pending: no app has fetched the order yet. */
    OUTSTANDING_TRANSACTION("outstandingTransaction", true),
    /** Pending: the app shows the order and waits for PIN and card (also after a wrong PIN). */
    USER_SIGN("userSign", true),
    /** Failed: the user cancelled in the app. */
    USER_CANCEL("userCancel", false),
    /** Failed: the app found no card and gave up. */
    NO_CARD("noCard", false),
    /** Failed: the identification PIN is blocked. */
    PIN_BLOCKED("pinBlocked", false),
    /** Failed: certificate untrusted, expired, revoked, not for identification, trust level too low. */
    CERTIFICATE_ERR("certificateErr", false),
    /** Failed: expired after the app fetched the order. */
    EXPIRED_TRANSACTION("expiredTransaction", false),
    /** Failed: expired before any app fetched it. */
    START_FAILED("startFailed", false),
    /** Failed: the RP cancelled, or a newer order for the same HSA-id replaced it. */
    CANCELLED("cancelled", false);

    private final String code;
    private final boolean pending;

    HintCode(String code, boolean pending) {
        this.code = code;
        this.pending = pending;
    }

    /** The hint code as written in JSON. */
    public String code() {
        return code;
    }

    /** Whether an order with this hint code is still pending. */
    public boolean pending() {
        return pending;
    }

    /** Whether the app may name this code as the reason of {@code POST /app/v1/cancel} (section 4.4). */
    public boolean appCancelReason() {
        return this == USER_CANCEL || this == NO_CARD || this == PIN_BLOCKED || this == CERTIFICATE_ERR;
    }

    /** The hint code for a wire value; empty for one this version does not know. */
    public static Optional<HintCode> fromCode(String code) {
        for (HintCode hint : values()) {
            if (hint.code.equals(code)) {
                return Optional.of(hint);
            }
        }
        return Optional.empty();
    }
}
