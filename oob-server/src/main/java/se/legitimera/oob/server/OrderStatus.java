package se.legitimera.oob.server;

/** An order's status as the relying party's collect reports it (section 3). */
public enum OrderStatus {
    PENDING("pending"), COMPLETE("complete"), FAILED("failed");

    private final String code;

    OrderStatus(String code) {
        this.code = code;
    }

    /** The status as written in JSON. */
    public String code() {
        return code;
    }
}
