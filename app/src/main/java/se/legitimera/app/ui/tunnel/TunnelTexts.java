package se.legitimera.app.ui.tunnel;

import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import se.legitimera.app.settings.TunnelMode;
import se.legitimera.app.ui.common.Messages;

/** The one table that turns a tunnel's state into words for the tray and the main window. */
public final class TunnelTexts {

    private final ResourceBundle messages;

    public TunnelTexts(ResourceBundle messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** "Lyssnar", "Kortet är upplåst", "Fel: porten 8443 används redan av ett annat program", ... */
    public String state(TunnelState tunnel) {
        return switch (tunnel.phase()) {
            case STOPPED -> messages.getString("tunnel.state.stopped");
            case LISTENING -> messages.getString("tunnel.state.listening");
            case CARD_UNLOCKED -> messages.getString("tunnel.state.unlocked");
            case FAILED -> Messages.format(messages, "tunnel.state.failed", problem(tunnel));
        };
    }

    /** "http://localhost:8443 → https://journal.example.se" (tls://... for a TLS tunnel). */
    public String address(TunnelState tunnel) {
        String scheme = tunnel.definition().mode() == TunnelMode.HTTP ? "http" : "tls";
        return scheme + "://localhost:" + tunnel.definition().localPort() + " \u2192 " + tunnel.definition().upstream();
    }

    /** What clicking the tunnel does: "Starta" or "Stoppa". */
    public String toggle(TunnelState tunnel) {
        return messages.getString(tunnel.running() ? "tunnel.stop" : "tunnel.start");
    }

    private String problem(TunnelState tunnel) {
        return switch (tunnel.problem()) {
            case PORT_IN_USE -> Messages.format(messages, "tunnel.problem.portInUse",
                    String.valueOf(tunnel.definition().localPort()));
            case TRUST_UNREADABLE -> messages.getString("tunnel.problem.trustUnreadable");
            case OTHER, NONE -> Messages.format(messages, "tunnel.problem.other",
                    tunnel.detail().isEmpty() ? tunnel.problem().name().toLowerCase(Locale.ROOT) : tunnel.detail());
        };
    }
}
