package org.hotlinepulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hotline-pulse} command line: one jar, one command per product surface. */
@Command(name = "hotline-pulse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches public-service hotlines from their call detail records: "
                + "connection, answer and abandonment rates per line and department.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, MigrateCommand.class,
                SimulateCommand.class, DashboardCommand.class, ReportCommand.class, BenchCommand.class,
                IngestCommand.class, CommandLine.HelpCommand.class})
public final class HotlinePulse implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new HotlinePulse()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
