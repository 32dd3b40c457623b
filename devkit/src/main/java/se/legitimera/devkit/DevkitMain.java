package se.legitimera.devkit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar legitimera-devkit.jar COMMAND}: the developer kit's tools.
 */
@Command(name = "legitimera-devkit", mixinStandardHelpOptions = true, version = "Legitimera devkit",
        description = "Virtual SITHS card, test PKI and reference authentication service for development and tests.",
        subcommands = {CommandLine.HelpCommand.class, CardCommand.class})
public final class DevkitMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DevkitMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
