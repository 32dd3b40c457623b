package se.legitimera.oob;

/**
 * Why the app gives up an order; the relying party sees it as the hint code of a failed order.
 */
public enum CancelReason {
    USER_CANCEL(HintCode.USER_CANCEL),
    NO_CARD(HintCode.NO_CARD),
    PIN_BLOCKED(HintCode.PIN_BLOCKED),
    CERTIFICATE_ERR(HintCode.CERTIFICATE_ERR);

    private final HintCode hintCode;

    CancelReason(HintCode hintCode) {
        this.hintCode = hintCode;
    }

    public HintCode hintCode() {
        return hintCode;
    }
}
