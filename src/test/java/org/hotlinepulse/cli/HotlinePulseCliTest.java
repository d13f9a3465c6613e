package org.hotlinepulse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HotlinePulseCliTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HotlinePulse.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream capturedErr = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(capturedErr, true));
        try {
            int code = cli.execute(args);
            return new Run(code, out.toString(), err + capturedErr.toString());
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("replay", "bench");
        Run replayHelp = run("replay", "--help");
        assertThat(replayHelp.exitCode()).isZero();
        assertThat(replayHelp.out()).contains("--cdr", "--format", "--directory", "--out");
    }

    @Test
    void aMissingCdrFileIsOneClearLineAndANonZeroExit() throws Exception {
        Path directory = Path.of("src/test/resources/job/directory.yaml");
        Run run = run("replay", "--cdr", dir.resolve("nope.jsonl").toString(),
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
        Run run = run("replay", "--cdr", cdrs.toString(), "--directory", directory.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("hotline-pulse replay: ").contains(directory.toString(), "123", "b");
    }

    @Test
    void anUnknownFormatIsRejectedWithTheValidNames() throws Exception {
        Path cdrs = Files.writeString(dir.resolve("cdrs.csv"), "");
        Run run = run("replay", "--cdr", cdrs.toString(), "--format", "xml",
                "--directory", "src/test/resources/job/directory.yaml",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format", "jsonl", "avro");
    }

    @Test
    void replayOfTheExampleExitsZeroAndPrintsItsSummary() throws Exception {
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        Run run;
        try {
            run = run("replay", "--cdr", "examples/cdrs.jsonl", "--directory",
                    "examples/directory.yaml", "--out", dir.resolve("out").toString());
        } finally {
            System.setOut(oldOut);
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(captured.toString()).containsPattern(
                "replay: read \\d+ records: [1-9]\\d* rejected, \\d+ duplicate, \\d+ late, \\d+ for unknown lines");
        assertThat(Files.readAllLines(dir.resolve("out/metrics.csv")).size()).isGreaterThan(10);
    }

    @Test
    void replayReadsAvroContainerFiles() throws Exception {
        Path avro = dir.resolve("cdrs.avro");
        java.time.Instant t0 = java.time.Instant.parse("2026-10-12T01:00:00Z");
        try (var writer = new org.apache.avro.file.DataFileWriter<>(
                new org.apache.avro.specific.SpecificDatumWriter<>(org.hotlinepulse.avro.Cdr.class))) {
            writer.create(org.hotlinepulse.avro.Cdr.getClassSchema(), avro.toFile());
            for (int i = 0; i < 4; i++) {
                writer.append(org.hotlinepulse.avro.Cdr.newBuilder().setCallId("a-" + i)
                        .setLine("12345").setStartTime(t0.plusSeconds(i))
                        .setAnswerTime(t0.plusSeconds(i + 5)).setEndTime(t0.plusSeconds(i + 60))
                        .build());
            }
            writer.append(org.hotlinepulse.avro.Cdr.newBuilder().setCallId("bad").setLine("12345")
                    .setStartTime(t0).setEndTime(t0.minusSeconds(1)).build());
        }
        Run run = run("replay", "--cdr", avro.toString(), "--format", "avro",
                "--directory", "src/test/resources/job/directory.yaml",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> metrics = Files.readAllLines(dir.resolve("out/metrics.csv"));
        assertThat(metrics).contains(
                "line,12345,2026-10-12T01:00:00Z,1,4,4,4,0,0,0,0,0,4,20000,220000,1.0000,1.0000,"
                        + "0.0000,1.0000,5.0000,0,0,0,0,0,zz-12345");
        assertThat(Files.readString(dir.resolve("out/rejected.jsonl")))
                .contains("\"source\":\"cdrs.avro\"", "\"line_no\":5", "end_time");
    }
}
