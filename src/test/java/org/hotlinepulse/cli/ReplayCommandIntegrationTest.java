package org.hotlinepulse.cli;

import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.hotlinepulse.avro.Cdr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hotline-pulse replay} runs the job on an embedded cluster and writes its metrics and rejections. */
class ReplayCommandIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void replayOfTheExampleExitsZeroAndPrintsItsSummary() throws Exception {
        CliRun run = CliRun.run("replay", "--cdr", "examples/cdrs.jsonl", "--directory",
                "examples/directory.yaml", "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(
                "replay: read \\d+ records: [1-9]\\d* rejected, \\d+ duplicate, \\d+ late, \\d+ for unknown lines");
        assertThat(Files.readAllLines(dir.resolve("out/metrics.csv")).size()).isGreaterThan(10);
    }

    @Test
    void replayReadsAvroContainerFiles() throws Exception {
        Path avro = dir.resolve("cdrs.avro");
        Instant t0 = Instant.parse("2026-10-12T01:00:00Z");
        try (var writer = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class))) {
            writer.create(Cdr.getClassSchema(), avro.toFile());
            for (int i = 0; i < 4; i++) {
                writer.append(Cdr.newBuilder().setCallId("a-" + i)
                        .setLine("12345").setStartTime(t0.plusSeconds(i))
                        .setAnswerTime(t0.plusSeconds(i + 5)).setEndTime(t0.plusSeconds(i + 60))
                        .build());
            }
            writer.append(Cdr.newBuilder().setCallId("bad").setLine("12345")
                    .setStartTime(t0).setEndTime(t0.minusSeconds(1)).build());
        }
        CliRun run = CliRun.run("replay", "--cdr", avro.toString(), "--format", "avro",
                "--directory", "src/test/resources/job/directory.yaml",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> metrics = Files.readAllLines(dir.resolve("out/metrics.csv"));
        assertThat(metrics).contains(
                "line,12345,2026-10-12T01:00:00Z,1,4,4,4,0,0,0,0,0,4,20000,220000,1.0000,1.0000,"
                        + "0.0000,1.0000,5.0000,0,0,0,0,0,zz-12345,0,0");
        assertThat(Files.readString(dir.resolve("out/rejected.jsonl")))
                .contains("\"source\":\"cdrs.avro\"", "\"line_no\":5", "end_time");
    }
}
