package se.legitimera.oob.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Section 5: the poll request's checks, poll sessions and the orders they reveal. */
class PollSessionTest {

    private final Service service = new Service();

    private PollSession open() throws Exception {
        return service.server.openPollSession(service.pki.card().pollRequest(Service.URL, service.clock.instant()));
    }

    @Test
    void aValidPollRequest_opensASessionForTheCardsHsaId() throws Exception {
        PollSession session = open();
        assertThat(session.hsaId()).isEqualTo(Pki.HSA_ID);
        assertThat(session.expiresAt()).isEqualTo(Service.NOW.plus(Duration.ofHours(8)));
        assertThat(session.toString()).doesNotContain(session.token());
    }

    @Test
    void theSession_revealsAPendingUnfetchedOrderAddressedToTheHolder_only() throws Exception {
        PollSession session = open();
        assertThat(service.server.pendingOrderFor(session.token())).isEmpty();
        service.server.startOrder(OrderRequest.builder("RP").withHsaId("TSTNMT2321000156-0009").build());
        service.server.startOrder(OrderRequest.builder("RP").build());
        assertThat(service.server.pendingOrderFor(session.token())).isEmpty();
        StartedOrder mine = service.server.startOrder(OrderRequest.builder("RP").withHsaId(Pki.HSA_ID).build());
        assertThat(service.server.pendingOrderFor(session.token())).contains(mine.autoStartToken());
        service.server.fetchOrder(mine.autoStartToken());
        assertThat(service.server.pendingOrderFor(session.token())).isEmpty();
    }

    @Test
    void anExpiredSession_isUnknown() throws Exception {
        PollSession session = open();
        service.clock.advance(Duration.ofHours(8));
        assertThatThrownBy(() -> service.server.pendingOrderFor(session.token()))
                .isInstanceOf(UnknownPollSessionException.class);
        assertThatThrownBy(() -> service.server.pendingOrderFor("nope")).isInstanceOf(UnknownPollSessionException.class);
    }

    @Test
    void aReplayedPollRequest_isRefused() throws Exception {
        String request = service.pki.card().pollRequest(Service.URL, service.clock.instant());
        service.server.openPollSession(request);
        assertThatThrownBy(() -> service.server.openPollSession(request)).isInstanceOf(ReplayedProofException.class);
    }

    @Test
    void aPollRequestOutsideTheSkewOfNow_isRefused() {
        Instant now = service.clock.instant();
        assertThatThrownBy(() -> service.server.openPollSession(service.pki.card().pollRequest(Service.URL,
                now.minusSeconds(31)))).isInstanceOf(IssuedAtOutOfWindowException.class);
        assertThatThrownBy(() -> service.server.openPollSession(service.pki.card().pollRequest(Service.URL,
                now.plusSeconds(31)))).isInstanceOf(IssuedAtOutOfWindowException.class);
    }

    @Test
    void aPollRequestForAnotherService_isRefused() {
        assertThatThrownBy(() -> service.server.openPollSession(service.pki.card().pollRequest(
                "https://other.test:443", service.clock.instant()))).isInstanceOf(WrongAudienceException.class);
    }

    @Test
    void aProofInsteadOfAPollRequest_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant());
        assertThatThrownBy(() -> service.server.openPollSession(proof)).isInstanceOf(WrongTypeException.class);
    }

    @Test
    void aPollRequestFromAnUntrustedCard_isRefused() {
        Pki other = new Pki(Service.NOW, "Other");
        assertThatThrownBy(() -> service.server.openPollSession(other.card().pollRequest(Service.URL,
                service.clock.instant()))).isInstanceOfSatisfying(UntrustedCertificateException.class,
                e -> assertThat(e.hintCode()).contains(HintCode.CERTIFICATE_ERR));
    }

    @Test
    void aPollRequestFromARevokedCard_isRefused() {
        Card card = service.pki.card();
        service.ocsp.revoke(card.certificate());
        assertThatThrownBy(() -> service.server.openPollSession(card.pollRequest(Service.URL, service.clock.instant())))
                .isInstanceOf(CertificateRevokedException.class);
    }

    @Test
    void aPollRequestSignedByAnotherKey_isRefused() {
        Card card = service.pki.card();
        Card impostor = new Card(Pki.keys("EC-256").getPrivate(), card.x5c());
        assertThatThrownBy(() -> service.server.openPollSession(impostor.pollRequest(Service.URL,
                service.clock.instant()))).isInstanceOf(BadSignatureException.class);
    }
}
