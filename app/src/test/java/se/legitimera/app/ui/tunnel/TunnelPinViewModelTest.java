package se.legitimera.app.ui.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;

class TunnelPinViewModelTest {

    private final TunnelPinViewModel dialog = new TunnelPinViewModel(Messages.forLocale(Locale.of("sv")));
    private final List<String> answers = new ArrayList<>();
    private final List<char[]> pins = new ArrayList<>();

    private final TunnelPinViewModel.Answer recorder = new TunnelPinViewModel.Answer() {
        @Override
        public void given(char[] pin) {
            pins.add(pin);
            answers.add("pin " + new String(pin));
        }

        @Override
        public void cancelled() {
            answers.add("cancelled");
        }
    };

    private static PinRequest first() {
        return new PinRequest("journal", "journal.example.se", false, OptionalInt.empty());
    }

    @Test
    void aQuestionSaysWhichTunnelAndServiceAsk_andOkWaitsForAPin() {
        dialog.ask(first(), recorder);

        assertThat(dialog.phaseProperty().get()).isEqualTo(TunnelPinViewModel.Phase.ASKING);
        assertThat(dialog.askerProperty().get())
                .isEqualTo("Tunneln journal vill logga in på journal.example.se med ditt SITHS-kort.");
        assertThat(dialog.noticeProperty().get()).isEqualTo(Notice.NONE);
        assertThat(dialog.canConfirmProperty().get()).isFalse();
    }

    @Test
    void okHandsOverTheTypedPin_andTheDialogForgetsIt() {
        dialog.ask(first(), recorder);
        char[] typed = "123456".toCharArray();
        dialog.pinTyped(typed);
        assertThat(dialog.canConfirmProperty().get()).isTrue();

        dialog.confirm();

        assertThat(answers).containsExactly("pin 123456");
        assertThat(typed).as("the dialog's own copy is wiped").containsOnly('\0');
        assertThat(dialog.phaseProperty().get()).isEqualTo(TunnelPinViewModel.Phase.IDLE);
        assertThat(dialog.canConfirmProperty().get()).isFalse();
    }

    @Test
    void cancelAnswersWithoutAPin_once() {
        dialog.ask(first(), recorder);
        dialog.pinTyped("12".toCharArray());

        dialog.cancel();
        dialog.cancel();
        dialog.confirm();

        assertThat(answers).containsExactly("cancelled");
        assertThat(dialog.phaseProperty().get()).isEqualTo(TunnelPinViewModel.Phase.IDLE);
    }

    @Test
    void whenTheCardRefusedThePreviousPin_theDialogSaysSoWithTheTriesLeftAndWarnsAtTheLastTry() {
        dialog.ask(new PinRequest("journal", "journal.example.se", true, OptionalInt.of(1)), recorder);

        assertThat(dialog.noticeProperty().get()).isEqualTo(Notice.error("Fel PIN-kod, 1 försök kvar"));
        assertThat(dialog.warningProperty().get().kind()).isEqualTo(Notice.Kind.WARNING);
    }

    @Test
    void whenTheCardRefusedWithoutSayingTheTriesLeft_theDialogStillSaysItWasRefused() {
        dialog.ask(new PinRequest("journal", "journal.example.se", true, OptionalInt.empty()), recorder);

        assertThat(dialog.noticeProperty().get().text()).isEqualTo("Kortet godtog inte PIN-koden. Försök igen.");
        assertThat(dialog.warningProperty().get()).isEqualTo(Notice.NONE);
    }

    @Test
    void aNewQuestionCancelsTheOpenOne_andStartsWithAnEmptyPin() {
        dialog.ask(first(), recorder);
        dialog.pinTyped("123456".toCharArray());

        dialog.ask(new PinRequest("lab", "lab.example.se", false, OptionalInt.empty()), recorder);

        assertThat(answers).containsExactly("cancelled");
        assertThat(dialog.canConfirmProperty().get()).isFalse();
        assertThat(dialog.askerProperty().get()).contains("lab");
    }
}
