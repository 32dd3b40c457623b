/**
 * The Legitimera desktop app: tray, windows, CLI and the composition root that wires the libraries.
 */
module se.legitimera.app {
    requires se.legitimera.smartcard;
    requires se.legitimera.oob;
    requires java.desktop;
    requires java.net.http;
    requires javafx.controls;
    requires javafx.fxml;
    requires info.picocli;
    requires org.slf4j;

    // --demo finds the devkit's demo here when the developer launcher put it on the module path.
    uses se.legitimera.oob.demo.DemoEnvironmentFactory;

    opens se.legitimera.app.cli to info.picocli;
    // FXML builds controllers (through the registered factory only) and custom controls by reflection.
    opens se.legitimera.app.ui.main to javafx.fxml;
    opens se.legitimera.app.ui.pin to javafx.fxml;
    opens se.legitimera.app.ui.login to javafx.fxml;
    opens se.legitimera.app.ui.about to javafx.fxml;
    opens se.legitimera.app.ui.common to javafx.fxml;
    opens se.legitimera.app.ui.tunnel to javafx.fxml;
}
