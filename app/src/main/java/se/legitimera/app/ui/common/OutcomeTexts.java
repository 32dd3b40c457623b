package se.legitimera.app.ui.common;

import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/** The one table that turns an {@link Outcome} into words for the user. */
public final class OutcomeTexts {

    private final ResourceBundle messages;

    public OutcomeTexts(ResourceBundle messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** The sentence that tells the user what happened and, where it helps, what to do next. */
    public String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Done() -> messages.getString("outcome.done");
            case Outcome.WrongCode(Outcome.Code code, int triesLeft) when code == Outcome.Code.PIN ->
                    Messages.format(messages, "outcome.wrongPin", triesLeft);
            case Outcome.WrongCode(Outcome.Code code, int triesLeft) ->
                    Messages.format(messages, "outcome.wrongPuk", triesLeft);
            case Outcome.CodeBlocked(Outcome.Code code) when code == Outcome.Code.PIN ->
                    messages.getString("outcome.pinBlocked");
            case Outcome.CodeBlocked(Outcome.Code code) -> messages.getString("outcome.pukBlocked");
            case Outcome.CardRemoved() -> messages.getString("outcome.cardRemoved");
            case Outcome.NoCard() -> messages.getString("outcome.noCard");
            case Outcome.InvalidFormat() -> messages.getString("outcome.invalidFormat");
            case Outcome.NotSupported() -> messages.getString("outcome.notSupported");
            case Outcome.OrderExpired() -> messages.getString("outcome.orderExpired");
            case Outcome.OrderUnknown() -> messages.getString("outcome.orderUnknown");
            case Outcome.OrderCancelled() -> messages.getString("outcome.orderCancelled");
            case Outcome.LinkInvalid() -> messages.getString("outcome.linkInvalid");
            case Outcome.ServiceNotAllowed(String service) ->
                    Messages.format(messages, "outcome.serviceNotAllowed", service);
            case Outcome.ConnectionIntercepted(String service) ->
                    Messages.format(messages, "outcome.connectionIntercepted", service);
            case Outcome.ServiceUntrusted() -> messages.getString("outcome.serviceUntrusted");
            case Outcome.ServiceUnavailable() -> messages.getString("outcome.serviceUnavailable");
            case Outcome.CertificateRefused(Optional<String> reason) ->
                    withReason(messages.getString("outcome.certificateRefused"), reason);
            case Outcome.ProofRefused(Optional<String> reason) ->
                    withReason(messages.getString("outcome.proofRefused"), reason);
            case Outcome.PollNotSupported(String service) ->
                    Messages.format(messages, "outcome.pollNotSupported", service);
            case Outcome.PollSessionEnded(String service) ->
                    Messages.format(messages, "outcome.pollSessionEnded", service);
            case Outcome.Failed(String detail) -> Messages.format(messages, "outcome.failed", detail);
        };
    }

    private String withReason(String sentence, Optional<String> serviceReason) {
        return serviceReason.map(reason -> sentence + " " + Messages.format(messages, "outcome.serviceSaid", reason))
                .orElse(sentence);
    }
}
