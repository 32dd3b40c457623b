package se.legitimera.app.ui.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.legitimera.app.MovableClock;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.Outcome;

class LoginApprovalViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final List<String> fetchedLinks = new ArrayList<>();
    private final List<FakeOrder> orders = new ArrayList<>();
    private Outcome answer = new Outcome.Done();
    /** The card's kept PIN as the orders see it: until when, and what the card answers to it. */
    private Instant savedUntil;
    private Optional<Outcome> savedAnswer = Optional.of(new Outcome.Done());

    private final LoginApprovalViewModel viewModel = new LoginApprovalViewModel(Messages.forLocale(Locale.of("sv")),
            link -> {
                fetchedLinks.add(link);
                FakeOrder order = new FakeOrder();
                orders.add(order);
                return order;
            },
            Runnable::run, Runnable::run, clock);

    private final class FakeOrder implements LoginOrder {
        boolean cancelled;
        boolean approvedWithSavedPin;
        boolean forgotten;
        char[] pinSeen;

        @Override
        public LoginDetails details() {
            return new LoginDetails("Journalen", "https://journalen.example.se", "https://idp.example.se",
                    Optional.of("Logga in för att se journalen"), NOW.plusSeconds(120));
        }

        @Override
        public Outcome approve(char[] pin) {
            pinSeen = pin;
            return answer;
        }

        @Override
        public Optional<Instant> pinSavedUntil() {
            return Optional.ofNullable(savedUntil);
        }

        @Override
        public Optional<Outcome> approveWithSavedPin() {
            approvedWithSavedPin = true;
            return savedAnswer;
        }

        @Override
        public void forgetSavedPin() {
            forgotten = true;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void showsWhoTheUserLogsInToAndWhere() {
        java.util.List<String> namedWhenWaiting = new java.util.ArrayList<>();
        viewModel.waitingProperty().subscribe((Boolean waiting) -> {
            if (waiting) {
                namedWhenWaiting.add(viewModel.rpNameProperty().get());
            }
        });

        viewModel.start("legitimera://auth?x");

        assertThat(namedWhenWaiting).as("the tray's notice names who asks").containsExactly("Journalen");
        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
        assertThat(viewModel.headingProperty().get()).isEqualTo("Jag legitimerar mig hos Journalen");
        assertThat(viewModel.originProperty().get()).isEqualTo("Webbplats: https://journalen.example.se");
        assertThat(viewModel.serviceProperty().get()).contains("https://idp.example.se");
        assertThat(viewModel.rpMessageProperty().get()).isEqualTo("Logga in för att se journalen");
        assertThat(viewModel.countdownProperty().get()).isEqualTo("Inloggningen gäller i 2:00 till");
        assertThat(viewModel.waitingProperty().get()).isTrue();
    }

    @Test
    void whenTheFetchFails_thenTheHeadingNoLongerSaysFetching() {
        LoginApprovalViewModel refused = new LoginApprovalViewModel(Messages.forLocale(Locale.of("sv")), link -> {
            throw new LoginUnavailableException(new Outcome.ServiceUnavailable());
        }, Runnable::run, Runnable::run, clock);

        java.util.List<Boolean> waitingSeen = new java.util.ArrayList<>();
        refused.waitingProperty().subscribe((Boolean waiting) -> waitingSeen.add(waiting));

        refused.start("legitimera://auth?x");

        assertThat(waitingSeen).as("the tray never hears of a login that did not start").containsOnly(false);
        assertThat(refused.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENDED);
        assertThat(refused.headingProperty().get()).isEqualTo("Inloggningen gick inte att starta");
        assertThat(refused.noticeProperty().get().text()).startsWith("Inloggningstjänsten går inte att nå");
    }

    @Test
    void approvingNeedsAPin() {
        viewModel.start("legitimera://auth?x");
        assertThat(viewModel.canApproveProperty().get()).isFalse();

        viewModel.pinTyped("123456".toCharArray());

        assertThat(viewModel.canApproveProperty().get()).isTrue();
    }

    @Test
    void whenApproved_thePinIsWipedAndTheDialogIsDone() {
        viewModel.start("legitimera://auth?x");
        viewModel.pinTyped("123456".toCharArray());

        viewModel.approve();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.APPROVED);
        assertThat(new String(orders.getFirst().pinSeen)).matches("\0*");
        assertThat(viewModel.waitingProperty().get()).isFalse();
    }

    @Test
    void aWrongPinKeepsTheDialogOpenWithTheTriesLeft() {
        viewModel.start("legitimera://auth?x");
        viewModel.pinTyped("111111".toCharArray());
        answer = new Outcome.WrongCode(Outcome.Code.PIN, 2);

        viewModel.approve();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
        assertThat(viewModel.noticeProperty().get()).isEqualTo(Notice.error("Fel PIN-kod, 2 försök kvar"));
        assertThat(viewModel.canApproveProperty().get()).isFalse();
    }

    @Test
    void atTheLastTry_warns() {
        viewModel.start("legitimera://auth?x");
        viewModel.pinTyped("111111".toCharArray());
        answer = new Outcome.WrongCode(Outcome.Code.PIN, 1);

        viewModel.approve();

        assertThat(viewModel.warningProperty().get().kind()).isEqualTo(Notice.Kind.WARNING);
    }

    @Test
    void theCountdownRunsAndTheOrderEndsWhenItExpires() {
        viewModel.start("legitimera://auth?x");
        clock.advance(Duration.ofSeconds(75));
        viewModel.tick();
        assertThat(viewModel.countdownProperty().get()).isEqualTo("Inloggningen gäller i 0:45 till");

        clock.advance(Duration.ofSeconds(45));
        viewModel.tick();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENDED);
        assertThat(viewModel.noticeProperty().get().text()).startsWith("Inloggningen tog för lång tid");
    }

    @Test
    void whenTheCardIsRemoved_endsWithTheReasonAndCancelsTheOrder() {
        viewModel.start("legitimera://auth?x");
        viewModel.pinTyped("123456".toCharArray());

        viewModel.endExternally(new Outcome.CardRemoved());

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENDED);
        assertThat(viewModel.noticeProperty().get().text()).startsWith("Kortet togs ut");
        assertThat(orders.getFirst().cancelled).isTrue();
        assertThat(viewModel.canApproveProperty().get()).isFalse();
    }

    @Test
    void whenTheServiceCancels_endsWithoutCancellingAgain() {
        viewModel.start("legitimera://auth?x");

        viewModel.endExternally(new Outcome.OrderCancelled());

        assertThat(viewModel.noticeProperty().get().text()).isEqualTo("Inloggningen avbröts av tjänsten.");
        assertThat(orders.getFirst().cancelled).isFalse();
    }

    @Test
    void theUserCancelling_cancelsTheOrderAtTheService() {
        viewModel.start("legitimera://auth?x");

        viewModel.cancel();

        assertThat(orders.getFirst().cancelled).isTrue();
        assertThat(viewModel.waitingProperty().get()).isFalse();
    }

    @Test
    void aNewLinkReplacesTheOrderOnScreen() {
        viewModel.start("legitimera://auth?first");

        viewModel.start("legitimera://auth?second");

        assertThat(fetchedLinks).containsExactly("legitimera://auth?first", "legitimera://auth?second");
        assertThat(orders.get(0).cancelled).isTrue();
        assertThat(orders.get(1).cancelled).isFalse();
        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
    }

    @Test
    void whenTheOrderCannotBeFetched_saysWhy() {
        LoginApprovalViewModel unreachable = new LoginApprovalViewModel(Messages.forLocale(Locale.of("sv")),
                link -> {
                    throw new LoginUnavailableException(new Outcome.ServiceUnavailable());
                }, Runnable::run, Runnable::run, clock);

        unreachable.start("legitimera://auth?x");

        assertThat(unreachable.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENDED);
        assertThat(unreachable.noticeProperty().get().text()).startsWith("Inloggningstjänsten går inte att nå");
    }

    @Test
    void whenNoPinIsKept_thePinIsAskedFor() {
        viewModel.start("legitimera://auth?x");

        assertThat(viewModel.pinSavedProperty().get()).isFalse();
        assertThat(viewModel.pinSavedNoteProperty().get()).isEmpty();
        assertThat(viewModel.canApproveProperty().get()).isFalse();
    }

    @Test
    void whenAPinIsKept_theDialogStillWaitsForLegitimeraButAsksNoPin() {
        savedUntil = NOW.plus(Duration.ofMinutes(10));

        viewModel.start("legitimera://auth?x");

        assertThat(viewModel.headingProperty().get()).isEqualTo("Jag legitimerar mig hos Journalen");
        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
        assertThat(viewModel.pinSavedProperty().get()).isTrue();
        assertThat(viewModel.pinSavedNoteProperty().get()).isEqualTo("Pinkoden är sparad i 10 minuter till");
        assertThat(viewModel.canApproveProperty().get()).isTrue();
        assertThat(orders.getFirst().approvedWithSavedPin).isFalse();
    }

    @Test
    void whenTheKeptPinIsAccepted_theLoginIsDoneWithoutTyping() {
        savedUntil = NOW.plus(Duration.ofMinutes(10));
        viewModel.start("legitimera://auth?x");

        viewModel.approve();

        assertThat(orders.getFirst().approvedWithSavedPin).isTrue();
        assertThat(orders.getFirst().pinSeen).isNull();
        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.APPROVED);
    }

    @Test
    void whenTheCardRefusesTheKeptPin_thePinIsAskedForWithTheTriesLeft() {
        savedUntil = NOW.plus(Duration.ofMinutes(10));
        savedAnswer = Optional.of(new Outcome.WrongCode(Outcome.Code.PIN, 2));
        viewModel.start("legitimera://auth?x");

        viewModel.approve();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
        assertThat(viewModel.pinSavedProperty().get()).isFalse();
        assertThat(viewModel.noticeProperty().get()).isEqualTo(Notice.error("Fel PIN-kod, 2 försök kvar"));
        assertThat(viewModel.canApproveProperty().get()).isFalse();
        viewModel.pinTyped("123456".toCharArray());
        answer = new Outcome.Done();
        viewModel.approve();
        assertThat(new String(orders.getFirst().pinSeen)).matches("\0*");
        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.APPROVED);
    }

    @Test
    void whenTheKeptPinExpiresDuringTheDialog_thePinIsAskedFor() {
        savedUntil = NOW.plus(Duration.ofSeconds(90));
        viewModel.start("legitimera://auth?x");
        assertThat(viewModel.pinSavedNoteProperty().get()).isEqualTo("Pinkoden är sparad i 2 minuter till");
        clock.advance(Duration.ofSeconds(31));
        viewModel.tick();
        assertThat(viewModel.pinSavedNoteProperty().get()).isEqualTo("Pinkoden är sparad i 1 minut till");

        clock.advance(Duration.ofSeconds(59));
        viewModel.tick();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
        assertThat(viewModel.pinSavedProperty().get()).isFalse();
        assertThat(viewModel.pinSavedNoteProperty().get()).isEmpty();
        assertThat(viewModel.canApproveProperty().get()).isFalse();
    }

    @Test
    void whenTheKeptPinIsGoneByTheTimeTheCardIsAsked_nothingIsSentAndThePinIsAskedFor() {
        savedUntil = NOW.plus(Duration.ofMinutes(10));
        savedAnswer = Optional.empty();
        viewModel.start("legitimera://auth?x");

        viewModel.approve();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(LoginApprovalViewModel.Phase.ENTERING);
        assertThat(viewModel.pinSavedProperty().get()).isFalse();
        assertThat(viewModel.noticeProperty().get().text()).isEqualTo("Pinkoden är inte längre sparad: ange den.");
    }

    @Test
    void forgettingTheKeptPin_forgetsItAndAsksForThePin() {
        savedUntil = NOW.plus(Duration.ofMinutes(10));
        viewModel.start("legitimera://auth?x");

        viewModel.forgetSavedPin();

        assertThat(orders.getFirst().forgotten).isTrue();
        assertThat(viewModel.pinSavedProperty().get()).isFalse();
        assertThat(viewModel.canApproveProperty().get()).isFalse();
    }
}
