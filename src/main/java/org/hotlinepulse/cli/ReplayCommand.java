package org.hotlinepulse.cli;

import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.replay.ReplayFailedException;
import org.hotlinepulse.replay.ReplaySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hotline-pulse replay}: the job over CDR files, in bounded mode (contract §7). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs the metrics job over CDR files and writes metrics.csv, "
                + "rejected.jsonl, late.jsonl and alerts.jsonl into the output folder.",
                "Exits 0 after any number of bad records (they are rejected with a reason); "
                        + "non-zero only when it cannot run.",
                "Every CDR file is opened and checked before the job starts (an Avro file must be a "
                        + "container file of a version of cdr.avsc): a file that cannot be read is "
                        + "one line on stderr, exit 2, and the output folder is left untouched.",
                "Window sizes, lateness and thresholds: the metrics and alerts sections of --config."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--cdr", required = true, arity = "1..*", paramLabel = "FILE",
            description = "CDR files to replay.")
    List<Path> cdrFiles;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "Format of the CDR files: jsonl, avro, wire (length-prefixed Kafka messages), asterisk-csv (Master.csv), mapped-csv, "
                    + "freeswitch-csv or freeswitch-json (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    PbxOptions pbx = new PbxOptions();

    @Option(names = "--directory", required = true, paramLabel = "FILE",
            description = "The line directory (YAML).")
    Path directory;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the outputs; created if missing, files in it replaced.")
    Path out;

    @Mixin
    JobConfigOption config = new JobConfigOption();

    @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
            description = "Parallelism of the job (default: one per core).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        try {
            CdrFormat cdrFormat = parseFormat(format);
            CommandInputs.requireReadableCdrFiles(cdrFiles, cdrFormat);
            CommandInputs.requireUsableOutputDir(out);
            Directory lineDirectory = CommandInputs.directory(directory);
            CdrInputOptions inputOptions = pbx.of(cdrFormat, lineDirectory.calendar().zone());
            CallerPseudonymiser pseudonymiser = cdrFormat.needsConfiguredKey()
                    ? CommandInputs.configuredPseudonymiser(
                            "--format " + cdrFormat.cliName() + " reads raw caller numbers", System.getenv())
                    : CommandInputs.pseudonymiser();
            Replay replay = new Replay(config.load(), lineDirectory, cdrFiles, cdrFormat,
                    inputOptions, pseudonymiser, out, parallelism);
            ReplaySummary summary = replay.run();
            System.out.println("replay: " + summary.line() + " -> " + out);
            return 0;
        } catch (UsageError e) {
            System.err.println("hotline-pulse replay: " + e.getMessage());
            return 2;
        } catch (ReplayFailedException e) {
            System.err.println("hotline-pulse replay: the job failed: " + e.getMessage()
                    + "; its outputs in " + out + " were removed");
            return 1;
        }
    }

    static CdrFormat parseFormat(String name) throws UsageError {
        try {
            return CdrFormat.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--format: " + e.getMessage());
        }
    }
}
