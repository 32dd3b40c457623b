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

class PukUnblockViewModelTest {

    private final List<PinStatus> card = new ArrayList<>(List.of(
            status(PinRole.IDENTIFICATION, 3, 10), status(PinRole.SIGNATURE, 0, 10)));
    private Outcome answer = new Outcome.Done();
    private PinRole unblockedRole;

    private final PukUnblockViewModel viewModel = new PukUnblockViewModel(Messages.forLocale(Locale.of("sv")),
            () -> List.copyOf(card),
            (role, puk, next) -> {
                unblockedRole = role;
                return answer;
            },
            Runnable::run, Runnable::run);

    private static PinStatus status(PinRole role, int tries, int pukTries) {
        return new PinStatus(role, OptionalInt.of(tries), OptionalInt.of(pukTries), PinFormat.SITHS_PIN,
                PinFormat.SITHS_PUK);
    }

    private void type(String puk, String next, String confirmation) {
        viewModel.pukTyped(puk.toCharArray());
        viewModel.newPinTyped(next.toCharArray());
        viewModel.confirmationTyped(confirmation.toCharArray());
    }

    @Test
    void whenOpened_choosesTheBlockedPinAndShowsPukTries() {
        viewModel.open();

        assertThat(viewModel.roleProperty().get()).isEqualTo(PinRole.SIGNATURE);
        assertThat(viewModel.triesTextProperty().get()).isEqualTo("10 försök kvar med PUK-koden");
        assertThat(viewModel.phaseProperty().get()).isEqualTo(PukUnblockViewModel.Phase.ENTERING);
    }

    @Test
    void thePukMustHaveEightDigits() {
        viewModel.open();
        type("1234", "24681357", "24681357");

        assertThat(viewModel.rules().getFirst())
                .isEqualTo(new RuleCheck("PUK-koden har 8 siffror", RuleCheck.State.BROKEN));
        assertThat(viewModel.canSubmitProperty().get()).isFalse();

        viewModel.pukTyped("12345678".toCharArray());

        assertThat(viewModel.canSubmitProperty().get()).isTrue();
    }

    @Test
    void whenUnblocked_saysSo() {
        viewModel.open();
        type("12345678", "24681357", "24681357");

        viewModel.submit();

        assertThat(unblockedRole).isEqualTo(PinRole.SIGNATURE);
        assertThat(viewModel.phaseProperty().get()).isEqualTo(PukUnblockViewModel.Phase.UNBLOCKED);
        assertThat(viewModel.noticeProperty().get().kind()).isEqualTo(Notice.Kind.SUCCESS);
    }

    @Test
    void whenThePukIsWrong_showsPukTriesLeft() {
        viewModel.open();
        type("12345678", "24681357", "24681357");
        answer = new Outcome.WrongCode(Outcome.Code.PUK, 4);

        viewModel.submit();

        assertThat(viewModel.noticeProperty().get()).isEqualTo(Notice.error("Fel PUK-kod, 4 försök kvar"));
        assertThat(viewModel.triesTextProperty().get()).isEqualTo("4 försök kvar med PUK-koden");
        assertThat(viewModel.warningProperty().get()).isEqualTo(Notice.NONE);
    }

    @Test
    void beforeTheLastPukTry_warnsThatTheCardWillBeBlockedForGood() {
        viewModel.open();
        type("12345678", "24681357", "24681357");
        answer = new Outcome.WrongCode(Outcome.Code.PUK, 1);

        viewModel.submit();

        assertThat(viewModel.warningProperty().get().kind()).isEqualTo(Notice.Kind.WARNING);
        assertThat(viewModel.warningProperty().get().text()).contains("för gott");
    }

    @Test
    void whenThePukIsBlocked_sendsTheUserToAnIdAdministrator() {
        card.set(1, status(PinRole.SIGNATURE, 0, 0));

        viewModel.open();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(PukUnblockViewModel.Phase.PUK_BLOCKED);
        assertThat(viewModel.noticeProperty().get().text()).contains("Kontakta en ID-administratör");
        assertThat(viewModel.entryEnabledProperty().get()).isFalse();
    }

    @Test
    void whenTheLastPukTryFails_endsWithTheIdAdministratorText() {
        viewModel.open();
        type("12345678", "24681357", "24681357");
        answer = new Outcome.CodeBlocked(Outcome.Code.PUK);

        viewModel.submit();

        assertThat(viewModel.phaseProperty().get()).isEqualTo(PukUnblockViewModel.Phase.PUK_BLOCKED);
        assertThat(viewModel.noticeProperty().get().text()).contains("ID-administratör");
    }
}
