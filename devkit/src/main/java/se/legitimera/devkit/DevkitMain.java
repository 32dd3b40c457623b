package se.legitimera.devkit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar legitimera-devkit.jar COMMAND}: the developer kit's tools.
 */
@Command(name = "legitimera-devkit", mixinStandardHelpOptions = true, version = "Legitimera devkit",
        description = "Virtual SITHS card, test PKI and reference authentication service for development and tests.",
        subcommands = {CommandLine.HelpCommand.class, CardCommand.class, se.legitimera.devkit.service.ServiceCommand.class})
public final class DevkitMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Set before the first logger: the tools log to the terminal (why a login was refused, what was served),
        // with a configuration of their own, not the app's logback.xml that may sit on the same class path.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "legitimera-devkit-logback.xml");
        }
        System.exit(new CommandLine(new DevkitMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
