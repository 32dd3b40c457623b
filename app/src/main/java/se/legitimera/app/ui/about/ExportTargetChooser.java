package se.legitimera.app.ui.about;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Asks the user where to save the diagnostics zip. Called on the JavaFX thread. */
@FunctionalInterface
public interface ExportTargetChooser {

    /** The file chosen, or empty when the user cancelled. */
    Optional<Path> choose(Window owner, String suggestedFileName);
}
