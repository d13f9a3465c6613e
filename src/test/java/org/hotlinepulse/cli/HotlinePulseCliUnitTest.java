package org.hotlinepulse.cli;

import org.hotlinepulse.cdr.HostileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's help and its refusals of bad input: one clear line and exit code 2, before any job starts. */
class HotlinePulseCliUnitTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheCommands() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("replay", "bench", "report");
        CliRun replayHelp = CliRun.run("replay", "--help");
        assertThat(replayHelp.exitCode()).isZero();
        assertThat(replayHelp.out()).contains("--cdr", "--format", "--directory", "--out");
    }

    @Test
    void aMissingCdrFileIsOneClearLineAndANonZeroExit() throws Exception {
        Path directory = Path.of("src/test/resources/job/directory.yaml");
        CliRun run = CliRun.run("replay", "--cdr", dir.resolve("nope.jsonl").toString(),
                "--directory", directory.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("hotline-pulse replay: "
                + dir.resolve("nope.jsonl") + ": no such file");
    }

    @Test
    void aBadDirectoryIsOneClearLineNamingTheEntry() throws Exception {
        Path cdrs = Files.writeString(dir.resolve("cdrs.jsonl"), "");
        Path directory = Files.writeString(dir.resolve("directory.yaml"), """
                departments:
                  - { id: a, name: A }
                lines:
                  - { number: "123", department: b, name: X, hours: "24x7" }
                """);
        CliRun run = CliRun.run("replay", "--cdr", cdrs.toString(), "--directory", directory.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("hotline-pulse replay: ").contains(directory.toString(), "123", "b");
    }

    @Test
    void anUnknownFormatIsRejectedWithTheValidNames() throws Exception {
        Path cdrs = Files.writeString(dir.resolve("cdrs.csv"), "");
        CliRun run = CliRun.run("replay", "--cdr", cdrs.toString(), "--format", "xml",
                "--directory", "src/test/resources/job/directory.yaml",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format", "jsonl", "avro");
    }

    /** Before issue 12: the job started, failed with a 130-line stack trace and left an output folder behind. */
    @Test
    void anAvroFileOfAnotherSchemaIsOneClearLineAndNothingIsWritten() throws Exception {
        Path good = Files.write(dir.resolve("cdrs.avro"),
                HostileInputs.avroFile(List.of(HostileInputs.cdrs("g", 3))));
        Path alerts = Files.write(dir.resolve("alerts.avro"),
                HostileInputs.avroFileOfSchema(org.hotlinepulse.avro.Alert.getClassSchema()));
        Path readings = Files.write(dir.resolve("readings.avro"), HostileInputs.avroFileOfUnrelatedSchema());
        for (Path other : List.of(alerts, readings)) {
            CliRun run = CliRun.run("replay", "--cdr", good.toString(), other.toString(), "--format", "avro",
                    "--directory", "src/test/resources/job/directory.yaml",
                    "--out", dir.resolve("out").toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).startsWith("hotline-pulse replay: " + other + ": its writer schema ")
                    .contains("cannot be read as cdr.avsc");
            assertThat(dir.resolve("out")).as("no output folder").doesNotExist();
        }
        CliRun notAvro = CliRun.run("replay", "--cdr", "examples/cdrs.jsonl", "--format", "avro",
                "--directory", "src/test/resources/job/directory.yaml", "--out", dir.resolve("out").toString());
        assertThat(notAvro.exitCode()).isEqualTo(2);
        assertThat(notAvro.err().strip()).isEqualTo("hotline-pulse replay: examples/cdrs.jsonl: not an Avro object"
                + " container file (it does not start with Obj 01)");
    }

    @Test
    void simulateHasHelpAndRefusesBadInputWithOneLine() throws Exception {
        CliRun help = CliRun.run("simulate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--lines", "--directory", "--rate", "--faults", "--probe-every",
                "--seed", "--from", "--duration", "--speed", "--to", "--out", "--config");
        assertThat(CliRun.run("--help").out()).contains("simulate");

        String directory = "src/test/resources/job/directory.yaml";
        String out = dir.resolve("cdrs.jsonl").toString();
        CliRun badFault = CliRun.run("simulate", "--directory", directory, "--duration", "1h", "--to", "jsonl",
                "--out", out, "--faults", "busy:12345@+1h..+2q");
        assertThat(badFault.exitCode()).isEqualTo(2);
        assertThat(badFault.err().strip().lines()).hasSize(1);
        assertThat(badFault.err()).startsWith("hotline-pulse simulate: fault \"busy:12345@+1h..+2q\": repair \"+2q\"");

        CliRun noDuration = CliRun.run("simulate", "--lines", "3", "--to", "jsonl", "--out", out);
        assertThat(noDuration.exitCode()).isEqualTo(2);
        assertThat(noDuration.err().strip()).isEqualTo("hotline-pulse simulate: --to jsonl needs --out FILE and --duration");

        CliRun badTarget = CliRun.run("simulate", "--lines", "3", "--duration", "1h", "--to", "csv", "--out", out);
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.err().strip()).isEqualTo("hotline-pulse simulate: --to: \"csv\" is not jsonl or kafka");

        CliRun badDuration = CliRun.run("simulate", "--lines", "3", "--duration", "soon", "--to", "jsonl", "--out", out);
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err()).startsWith("hotline-pulse simulate: --duration: \"soon\" is not a duration");

        CliRun both = CliRun.run("simulate", "--lines", "3", "--directory", directory, "--duration", "1h",
                "--to", "jsonl", "--out", out);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(Files.exists(dir.resolve("cdrs.jsonl"))).as("nothing written on bad input").isFalse();
    }

    @Test
    void runRefusesToStartWithoutDurableCheckpointStorage() throws Exception {
        Path config = Files.writeString(dir.resolve("job.yaml"), "runtime:\n  checkpoint_interval: 10s\n");
        CliRun run = CliRun.run("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("hotline-pulse run: " + config
                + ": runtime.checkpoint_dir: required by run").doesNotContain("\n");
    }
}
