package se.legitimera.keycloak.authenticator;

import java.util.Optional;
import se.legitimera.oob.server.HintCode;

/**
 * The one table from an ending that is not a login to the page's words: each failure hint code of the
 * protocol, and the extension's own refusals. The message keys live in theme-resources/messages (sv, en);
 * {@link #id()} is written into the page ({@code data-legitimera-failure}) for tests and page scripts.
 */
enum FailureTexts {
    USER_CANCEL("userCancel", "legitimeraFailedUserCancel"),
    NO_CARD("noCard", "legitimeraFailedNoCard"),
    PIN_BLOCKED("pinBlocked", "legitimeraFailedPinBlocked"),
    CERTIFICATE_ERR("certificateErr", "legitimeraFailedCertificate"),
    EXPIRED_TRANSACTION("expiredTransaction", "legitimeraFailedExpired"),
    START_FAILED("startFailed", "legitimeraFailedStartFailed"),
    CANCELLED("cancelled", "legitimeraFailedCancelled"),
    UNKNOWN_FAILURE("failed", "legitimeraFailedUnknown"),
    CANCELLED_ON_PAGE("cancelledOnPage", "legitimeraCancelledOnPage"),
    UNKNOWN_USER("unknownUser", "legitimeraUnknownUser"),
    AMBIGUOUS_USER("ambiguousUser", "legitimeraAmbiguousUser"),
    USER_DISABLED("userDisabled", "legitimeraUserDisabled"),
    SERVICE_ERROR("serviceError", "legitimeraServiceError");

    private final String id;
    private final String messageKey;

    FailureTexts(String id, String messageKey) {
        this.id = id;
        this.messageKey = messageKey;
    }

    String id() {
        return id;
    }

    String messageKey() {
        return messageKey;
    }

    /** The text for a failed order's hint code; unknown codes get the generic failure (protocol section 6). */
    static FailureTexts forHint(Optional<HintCode> hint) {
        if (hint.isEmpty()) {
            return UNKNOWN_FAILURE;
        }
        return switch (hint.get()) {
            case USER_CANCEL -> USER_CANCEL;
            case NO_CARD -> NO_CARD;
            case PIN_BLOCKED -> PIN_BLOCKED;
            case CERTIFICATE_ERR -> CERTIFICATE_ERR;
            case EXPIRED_TRANSACTION -> EXPIRED_TRANSACTION;
            case START_FAILED -> START_FAILED;
            case CANCELLED -> CANCELLED;
            case OUTSTANDING_TRANSACTION, USER_SIGN -> UNKNOWN_FAILURE;
        };
    }
}
