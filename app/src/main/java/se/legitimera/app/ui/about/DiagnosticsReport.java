package se.legitimera.app.ui.about;

import java.util.ResourceBundle;
import se.legitimera.app.ui.common.Messages;

/** Turns {@link DiagnosticsFacts} into the plain text shown in the about window and exported. */
final class DiagnosticsReport {

    private DiagnosticsReport() {
    }

    static String render(ResourceBundle messages, DiagnosticsFacts facts) {
        String unknown = messages.getString("about.unknown");
        StringBuilder text = new StringBuilder();
        text.append(messages.getString("about.section.versions")).append('\n');
        line(text, "Legitimera", facts.appVersion());
        line(text, "Java", facts.javaRuntime());
        line(text, "JavaFX", facts.javaFxVersion());
        line(text, messages.getString("about.os"), facts.operatingSystem());
        text.append('\n').append(messages.getString("about.section.pcsc")).append('\n');
        line(text, messages.getString("about.pcsc.state"), facts.pcscAvailable()
                ? messages.getString("about.pcsc.running")
                : Messages.format(messages, "about.pcsc.down", facts.pcscProblem()));
        text.append('\n').append(messages.getString("about.section.readers")).append('\n');
        if (facts.readers().isEmpty()) {
            text.append("  ").append(messages.getString("about.readers.none")).append('\n');
        }
        for (DiagnosticsFacts.Reader reader : facts.readers()) {
            text.append("  ").append(reader.name()).append('\n');
            line(text, "  ATR", reader.atr().orElse(unknown));
            line(text, "  " + messages.getString("about.cardProfile"), reader.cardProfile().orElse(unknown));
        }
        text.append('\n').append(messages.getString("about.section.pkcs11")).append('\n');
        if (facts.pkcs11Modules().isEmpty()) {
            text.append("  ").append(unknown).append('\n');
        } else if (facts.pkcs11Modules().get().isEmpty()) {
            text.append("  ").append(messages.getString("about.pkcs11.none")).append('\n');
        } else {
            facts.pkcs11Modules().get().forEach(module -> text.append("  ").append(module).append('\n'));
        }
        text.append('\n').append(messages.getString("about.section.service")).append('\n');
        if (facts.service().isEmpty()) {
            text.append("  ").append(messages.getString("about.service.none")).append('\n');
        } else {
            DiagnosticsFacts.Service service = facts.service().get();
            line(text, messages.getString("about.service.origin"), service.origin());
            line(text, messages.getString("about.service.state"), messages.getString(switch (service.state()) {
                case REACHED_PIN_MATCHED -> "about.service.REACHED_PIN_MATCHED";
                case REACHED_NOT_PINNED -> "about.service.REACHED_NOT_PINNED";
                case PIN_MISMATCH -> "about.service.PIN_MISMATCH";
                case CERTIFICATE_UNTRUSTED -> "about.service.CERTIFICATE_UNTRUSTED";
                case UNREACHABLE -> "about.service.UNREACHABLE";
                case NOT_ALLOWED -> "about.service.NOT_ALLOWED";
            }));
            line(text, messages.getString("about.service.detail"), service.detail());
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append("  ").append(label).append(": ").append(value).append('\n');
    }
}
