package se.legitimera.app.gateway;

/** The upstream could not be reached, was not trusted, or did not accept the card. */
final class UpstreamException extends GatewayException {

    UpstreamException(TunnelFailure failure, String message, Throwable cause) {
        super(failure, message, cause);
    }
}
