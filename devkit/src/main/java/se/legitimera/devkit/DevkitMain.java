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
        // The devkit's tools print what a developer needs; library logging stays silent here
        // (a second SLF4J provider on the devkit's class path would clash with the app's Logback in tests).
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOPServiceProvider");
        }
        System.exit(new CommandLine(new DevkitMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
