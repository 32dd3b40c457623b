package se.legitimera.app.ui.common;

import javafx.scene.control.Label;

/**
 * A label that shows a {@link Notice}: styled by its kind ({@code notice-info}, {@code notice-success},
 * {@code notice-warning}, {@code notice-error}), hidden and taking no space when there is nothing to say.
 * Screen readers hear it as an alert-like live text because its accessible text changes with it.
 */
public final class NoticeLabel extends Label {

    private static final String[] KIND_CLASSES = {"notice-info", "notice-success", "notice-warning", "notice-error"};

    public NoticeLabel() {
        getStyleClass().add("notice");
        setWrapText(true);
        setMinHeight(USE_PREF_SIZE);
        setMaxWidth(Double.MAX_VALUE);
        show(Notice.NONE);
    }

    public void show(Notice notice) {
        getStyleClass().removeAll(KIND_CLASSES);
        boolean visible = notice.kind() != Notice.Kind.NONE;
        setVisible(visible);
        setManaged(visible);
        setText(notice.text());
        setAccessibleText(notice.text());
        if (visible) {
            getStyleClass().add("notice-" + notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
