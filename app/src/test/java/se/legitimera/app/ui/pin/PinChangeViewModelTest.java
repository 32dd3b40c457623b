package se.legitimera.app.ui.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.Outcome;

class PinChangeViewModelTest {

    private final List<PinStatus> card = new ArrayList<>(List.of(
            status(PinRole.IDENTIFICATION, 3), status(PinRole.SIGNATURE, 3)));
    private final List<char[]> handedToCard = new ArrayList<>();
    private Outcome answer = new Outcome.Done();
    private PinRole changedRole;

    private final PinChangeViewModel viewModel = new PinChangeViewModel(Messages.forLocale(Locale.of("sv")),
            () -> List.copyOf(card),
            (role, current, next) -> {
                changedRole = role;
                handedToCard.add(current);
                handedToCard.add(next);
                return answer;
            },
            Runnable::run, Runnable::run);

    private static PinStatus status(PinRole role, int tries) {
        return new PinStatus(role, OptionalInt.of(tries), OptionalInt.of(10), PinFormat.SITHS_PIN, PinFormat.SITHS_PUK);
    }

    private void type(String current, String next, String confirmation) {
        viewModel.currentPinTyped(current.toCharArray());
        viewModel.newPinTyped(next.toCharArray());
        viewModel.confirmationTyped(confirmation.toCharArray());
    }

    @Test
    void whenOpened_readsTheCardAndShowsTriesLeft() {
        viewModel.open(PinRole.IDENTIFICATION);

        assertThat(viewModel.phaseProperty().get()).isEqualTo(PinChangeViewModel.Phase.ENTERING);
        assertThat(viewModel.roles()).containsExactly(PinRole.IDENTIFICATION, PinRole.SIGNATURE);
        assertThat(viewModel.triesTextProperty().get()).isEqualTo("3 försök kvar");
        assertThat(viewModel.warningProperty().get()).isEqualTo(Notice.NONE);
    }

    @Test
    void whileTyping_eachRuleIsJudged() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("123456", "12a4", "");

        assertThat(viewModel.rules()).extracting(RuleCheck::text, RuleCheck::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("6 till 8 siffror", RuleCheck.State.BROKEN),
                org.assertj.core.groups.Tuple.tuple("Bara siffror (0–9)", RuleCheck.State.BROKEN),
                org.assertj.core.groups.Tuple.tuple("Inte samma som nuvarande PIN-kod", RuleCheck.State.MET),
                org.assertj.core.groups.Tuple.tuple("De två nya PIN-koderna är lika", RuleCheck.State.PENDING));
        assertThat(viewModel.canSubmitProperty().get()).isFalse();
    }

    @Test
    void whenEveryRuleIsMet_theChangeCanBeSent() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("123456", "24681357", "24681357");

        assertThat(viewModel.rules()).allMatch(r -> r.state() == RuleCheck.State.MET);
        assertThat(viewModel.canSubmitProperty().get()).isTrue();
    }

    @Test
    void whenTheNewPinEqualsTheCurrent_itIsRefused() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("123456", "123456", "123456");

        assertThat(viewModel.canSubmitProperty().get()).isFalse();
    }

    @Test
    void whenChanged_saysSoAndWipesEverySecret() {
        viewModel.open(PinRole.SIGNATURE);
        type("123456", "24681357", "24681357");

        viewModel.submit();

        assertThat(changedRole).isEqualTo(PinRole.SIGNATURE);
        assertThat(viewModel.phaseProperty().get()).isEqualTo(PinChangeViewModel.Phase.CHANGED);
        assertThat(viewModel.noticeProperty().get()).isEqualTo(Notice.success("PIN-koden för Underskrift är bytt."));
        assertThat(handedToCard).allSatisfy(secret -> assertThat(new String(secret)).matches("\0*"));
    }

    @Test
    void whenThePinIsWrong_staysOpenWithTheTriesLeft() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("111111", "24681357", "24681357");
        answer = new Outcome.WrongCode(Outcome.Code.PIN, 2);

        viewModel.submit();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(PinChangeViewModel.Phase.ENTERING);
        assertThat(viewModel.noticeProperty().get()).isEqualTo(Notice.error("Fel PIN-kod, 2 försök kvar"));
        assertThat(viewModel.triesTextProperty().get()).isEqualTo("2 försök kvar");
    }

    @Test
    void atTheLastTry_warnsThatTheNextWrongPinBlocks() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("111111", "24681357", "24681357");
        answer = new Outcome.WrongCode(Outcome.Code.PIN, 1);

        viewModel.submit();

        assertThat(viewModel.warningProperty().get().kind()).isEqualTo(Notice.Kind.WARNING);
        assertThat(viewModel.warningProperty().get().text()).startsWith("Sista försöket!");
    }

    @Test
    void whenTheCardHasOneTryLeftAlready_warnsBeforeAnyTry() {
        card.set(0, status(PinRole.IDENTIFICATION, 1));

        viewModel.open(PinRole.IDENTIFICATION);

        assertThat(viewModel.warningProperty().get().kind()).isEqualTo(Notice.Kind.WARNING);
    }

    @Test
    void whenTheThirdWrongPinBlocksIt_offersThePukDialog() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("111111", "24681357", "24681357");
        answer = new Outcome.CodeBlocked(Outcome.Code.PIN);

        viewModel.submit();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(PinChangeViewModel.Phase.BLOCKED);
        assertThat(viewModel.noticeProperty().get().text()).contains("spärrad").contains("PUK");
        assertThat(viewModel.entryEnabledProperty().get()).isFalse();
    }

    @Test
    void whenTheCardIsRemoved_itIsNotAWrongPin() {
        viewModel.open(PinRole.IDENTIFICATION);
        type("123456", "24681357", "24681357");
        answer = new Outcome.CardRemoved();

        viewModel.submit();

        assertThat(viewModel.triesTextProperty().get()).isEqualTo("3 försök kvar");
        assertThat(viewModel.noticeProperty().get().text()).startsWith("Kortet togs ut");
    }

    @Test
    void withoutACard_saysSoAndTakesNoInput() {
        PinChangeViewModel noCard = new PinChangeViewModel(Messages.forLocale(Locale.of("sv")),
                () -> {
                    throw new PinStatusUnavailableException(new Outcome.NoCard());
                },
                (role, current, next) -> new Outcome.Done(), Runnable::run, Runnable::run);

        noCard.open(PinRole.IDENTIFICATION);

        assertThat(noCard.phaseProperty().get()).isEqualTo(PinChangeViewModel.Phase.UNAVAILABLE);
        assertThat(noCard.noticeProperty().get().text()).startsWith("Inget SITHS-kort");
        assertThat(noCard.entryEnabledProperty().get()).isFalse();
    }

    @Test
    void anAnswerArrivingAfterTheWindowClosed_isIgnored() {
        List<Runnable> queued = new ArrayList<>();
        PinChangeViewModel slow = new PinChangeViewModel(Messages.forLocale(Locale.of("sv")), () -> List.copyOf(card),
                (role, current, next) -> new Outcome.Done(), queued::add, Runnable::run);
        slow.open(PinRole.IDENTIFICATION);
        queued.removeFirst().run();
        slow.currentPinTyped("123456".toCharArray());
        slow.newPinTyped("24681357".toCharArray());
        slow.confirmationTyped("24681357".toCharArray());
        slow.submit();

        slow.close();
        queued.removeFirst().run();

        assertThat(slow.phaseProperty().get()).isEqualTo(PinChangeViewModel.Phase.WORKING);
        assertThat(slow.canSubmitProperty().get()).isFalse();
    }
}
