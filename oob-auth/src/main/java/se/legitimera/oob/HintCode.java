package se.legitimera.oob;

import java.util.Arrays;
import java.util.Optional;

/**
 * Protocol v1 hint codes (docs/oob-protocol.md, "Hint codes"): why an order is still pending or why it
 * failed. The wire form is {@link #code()}.
 */
public enum HintCode {
    /** Pending: the app has not fetched the order yet. */
    OUTSTANDING_TRANSACTION("outstandingTransaction"),
    /** Pending: the app shows the order and waits for the PIN and the card's signature. */
    USER_SIGN("userSign"),
    /** Failed: the app reported that no SITHS card is inserted. */
    NO_CARD("noCard"),
    /** Failed: the identification PIN is blocked. */
    PIN_BLOCKED("pinBlocked"),
    /** Failed: the user cancelled in the app. */
    USER_CANCEL("userCancel"),
    /** Failed: the order expired after the app had fetched it. */
    EXPIRED_TRANSACTION("expiredTransaction"),
    /** Failed: the certificate was untrusted, revoked, expired, of the wrong kind or trust level. */
    CERTIFICATE_ERR("certificateErr"),
    /** Failed: the relying party cancelled, or a newer order for the same user replaced this one. */
    CANCELLED("cancelled"),
    /** Failed: the order expired before any app fetched it. */
    START_FAILED("startFailed");

    private final String code;

    HintCode(String code) {
        this.code = code;
    }

    /** The hint code as written in JSON. */
    public String code() {
        return code;
    }

    /** The hint code for a wire value, empty for a value this version does not know. */
    public static Optional<HintCode> fromCode(String code) {
        return Arrays.stream(values()).filter(h -> h.code.equals(code)).findFirst();
    }
}
