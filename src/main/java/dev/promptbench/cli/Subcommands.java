package dev.promptbench.cli;

import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds subcommands to a command line, building in full only the one about to run; the others are a
 * name and description read from their {@code @Command} annotation, which is all a usage list needs.
 *
 * @param chosen names the subcommand to build in full; null builds them all
 */
record Subcommands(CommandLine parent, String chosen) {

    void add(Class<?> type, Supplier<Object> command) {
        Command annotation = type.getAnnotation(Command.class);
        String name = annotation.name();
        if (chosen == null || chosen.equals(name)) {
            // Built on its own, so its model transformer (SimulatorOptions') runs: picocli runs none for a
            // subcommand added as a plain object.
            Object built = command.get();
            parent.addSubcommand(name, built instanceof CommandLine line ? line : new CommandLine(built));
            return;
        }
        CommandSpec summary = CommandSpec.create().name(name);
        summary.usageMessage().description(annotation.description()).hidden(annotation.hidden());
        parent.addSubcommand(name, summary);
    }
}
