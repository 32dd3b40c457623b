package se.legitimera.app.ui.about;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link ExportTargetChooser} with the platform's save dialog, opening in the user's home folder. */
public final class SaveDialogExportTarget implements ExportTargetChooser {

    private final ResourceBundle messages;
    private final Path initialFolder;

    public SaveDialogExportTarget(ResourceBundle messages, Path initialFolder) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.initialFolder = Objects.requireNonNull(initialFolder, "initialFolder");
    }

    @Override
    public Optional<Path> choose(Window owner, String suggestedFileName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.getString("about.export.chooserTitle"));
        chooser.setInitialFileName(suggestedFileName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ZIP", "*.zip"));
        if (initialFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        File chosen = chooser.showSaveDialog(owner);
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
