package se.legitimera.app.wiring;

import java.time.Clock;
import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.cert.IssuerLocator;

class OobLoginOrdersTest {

    private final IdentificationPinCache pins = IdentificationPinCache.start(Duration.ZERO, Clock.systemUTC());

    @AfterEach
    void stopTheCache() {
        pins.close();
    }

    @Test
    void aLinkThatIsNotALegitimeraLoginLink_isRefusedBeforeAnyConnection() {
        try (OobClient client = OobClient.builder().withAllowedOrigin(ServiceOrigin.parse("https://127.0.0.1:1"))
                .build(); CardMonitor monitor = CardMonitor.builder().build()) {
            OobLoginOrders orders = new OobLoginOrders(client, monitor, new ActiveCard(monitor),
                    IssuerLocator.builder().withFetching(false).build(), pins);

            assertThatThrownBy(() -> orders.fetch("legitimera://login?autostart=x"))
                    .isInstanceOfSatisfying(LoginUnavailableException.class, e ->
                            assertThat(e.reason()).isEqualTo(new Outcome.Failed("not a Legitimera login link")));
        }
    }

    @Test
    void aServiceNotOnTheAllowlist_isUntrusted() {
        try (OobClient client = OobClient.builder().withAllowedOrigin(ServiceOrigin.parse("https://127.0.0.1:1"))
                .build(); CardMonitor monitor = CardMonitor.builder().build()) {
            OobLoginOrders orders = new OobLoginOrders(client, monitor, new ActiveCard(monitor),
                    IssuerLocator.builder().withFetching(false).build(), pins);

            assertThatThrownBy(() -> orders.fetch(
                    "legitimera://auth?service=https%3A%2F%2Fevil.example&token=abcdefghijklmnopqrstuvwxyz"))
                    .isInstanceOfSatisfying(LoginUnavailableException.class, e ->
                            assertThat(e.reason()).isEqualTo(new Outcome.ServiceUntrusted()));
        }
    }
}
