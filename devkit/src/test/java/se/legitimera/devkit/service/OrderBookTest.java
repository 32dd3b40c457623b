package se.legitimera.devkit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import se.legitimera.oob.HintCode;

class OrderBookTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final OrderBook book = new OrderBook(clock, Duration.ofSeconds(120), Duration.ofMinutes(5));

    private ServiceOrder order(String hsaId) {
        return book.create(new OrderRequest("Journalen", "https://journal.example:443", Optional.empty(),
                Optional.ofNullable(hsaId), OptionalInt.empty()), o -> "jws-" + o.orderRef());
    }

    @Test
    void whenCreated_thenPendingAndOutstanding() {
        ServiceOrder order = order(null);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.hintCode()).isEqualTo("outstandingTransaction");
        assertThat(order.orderJws()).isEqualTo("jws-" + order.orderRef());
        assertThat(order.autoStartToken()).isNotEqualTo(order.orderRef());
    }

    @Test
    void whenFetched_thenUserSign() {
        ServiceOrder order = order(null);
        assertThat(book.markFetched(order.autoStartToken()).orElseThrow().hintCode()).isEqualTo("userSign");
    }

    @Test
    void whenExpiresUnfetched_thenStartFailed() {
        ServiceOrder order = order(null);
        clock.advance(Duration.ofSeconds(120));
        assertThat(book.byRef(order.orderRef()).orElseThrow())
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FAILED))
                .satisfies(o -> assertThat(o.hintCode()).isEqualTo("startFailed"));
    }

    @Test
    void whenExpiresAfterFetch_thenExpiredTransaction() {
        ServiceOrder order = order(null);
        book.markFetched(order.autoStartToken());
        clock.advance(Duration.ofSeconds(121));
        assertThat(book.byToken(order.autoStartToken()).orElseThrow().hintCode()).isEqualTo("expiredTransaction");
    }

    @Test
    void whenStillWithinTtl_thenPending() {
        ServiceOrder order = order(null);
        clock.advance(Duration.ofSeconds(119));
        assertThat(book.byRef(order.orderRef()).orElseThrow().pending()).isTrue();
    }

    @Test
    void whenNewOrderForSameHsaId_thenOldOneIsCancelled() {
        ServiceOrder first = order("TSTNMT2321000156-1024");
        ServiceOrder second = order("TSTNMT2321000156-1024");
        assertThat(book.byRef(first.orderRef()).orElseThrow().hintCode()).isEqualTo("cancelled");
        assertThat(book.byRef(second.orderRef()).orElseThrow().pending()).isTrue();
    }

    @Test
    void whenNewOrderForOtherHsaId_thenBothStayPending() {
        ServiceOrder first = order("TSTNMT2321000156-1024");
        order("TSTNMT2321000156-1025");
        assertThat(book.byRef(first.orderRef()).orElseThrow().pending()).isTrue();
    }

    @Test
    void whenCompletedTwice_thenTheFirstCompletionStays() {
        ServiceOrder order = order(null);
        Completion first = new Completion("A", "A", Optional.empty(), OptionalInt.empty(), null, "p1", clock.instant());
        Completion second = new Completion("B", "B", Optional.empty(), OptionalInt.empty(), null, "p2", clock.instant());
        book.complete(order.orderRef(), first);
        ServiceOrder after = book.complete(order.orderRef(), second);
        assertThat(after.completion()).contains(first);
    }

    @Test
    void whenFailedAfterCompletion_thenStillComplete() {
        ServiceOrder order = order(null);
        book.complete(order.orderRef(), new Completion("A", "A", Optional.empty(), OptionalInt.empty(), null, "p", clock.instant()));
        assertThat(book.fail(order.orderRef(), HintCode.CANCELLED).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
    }

    @Test
    void whenAnOrderForTheHolderArrives_thenTheWaitingPollGetsIt() throws Exception {
        Thread creator = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order("TSTNMT2321000156-1024");
        });
        Optional<ServiceOrder> delivered = book.awaitFor("TSTNMT2321000156-1024", Duration.ofSeconds(5));
        creator.join();
        assertThat(delivered).isPresent();
    }

    @Test
    void whenNoOrderArrives_thenThePollReturnsEmptyAfterTheWait() throws Exception {
        assertThat(book.awaitFor("TSTNMT2321000156-1024", Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void whenFinishedOrdersAreOld_thenTheyArePurgedOnTheNextCreate() {
        ServiceOrder old = order(null);
        clock.advance(Duration.ofMinutes(10));
        order(null);
        assertThat(book.byRef(old.orderRef())).isEmpty();
    }
}
