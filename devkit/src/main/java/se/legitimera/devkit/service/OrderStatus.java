package se.legitimera.devkit.service;

/** Protocol v1 order status as the relying party's collect reports it. */
public enum OrderStatus {
    PENDING("pending"), COMPLETE("complete"), FAILED("failed");

    private final String code;

    OrderStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
