package se.legitimera.app.ui.common;

/** Every window of the app: its FXML file and the bundle key of its title. */
public enum FxmlView {
    MAIN("/fxml/main.fxml", "main.title");

    private final String resource;
    private final String titleKey;

    FxmlView(String resource, String titleKey) {
        this.resource = resource;
        this.titleKey = titleKey;
    }

    public String resource() {
        return resource;
    }

    public String titleKey() {
        return titleKey;
    }
}
