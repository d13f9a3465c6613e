package org.hotlinepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} through the command line on a few thousand CDRs: the warm-up, the discarding run and the
 * metrics.csv run each read every CDR and agree on the rows; both figures and the final line that the anchors
 * script reads (docs/performance.md, "The anchors") are printed. The speeds are not checked (timings on a shared
 * machine prove nothing).
 */
class BenchCommandIntegrationTest {

    private static final Pattern RUN = Pattern.compile("(?m)^bench: run (\\d), ([^:]+): read (\\d+) records \\(0 rejected\\),"
            + " (\\d+) metrics rows; [\\d.]+ s from the first record to the last row \\([\\d.]+ s with start-up and the last"
            + " checkpoint\\): [\\d,]+ CDR/s$");

    @TempDir
    Path dir;

    @Test
    void measuresTheWireInputWithBothSinks_theRowsAgree() throws Exception {
        CliRun run = CliRun.run("bench", "--cdrs", "3000", "--lines", "100", "--work-dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("generated 3000 CDRs over 100 lines", "cdrs.wire (wire, ");
        assertRunsAgree(run.out());
        assertThat(dir.resolve("metrics-csv/out/metrics.csv")).exists();
        assertThat(dir.resolve("discarding/out/metrics.csv")).doesNotExist();
        assertThat(dir.resolve("discarding/checkpoints")).isNotEmptyDirectory();

        // The same file through replay --format wire: the same metrics as the bench's own run.
        CliRun replay = CliRun.run("replay", "--cdr", dir.resolve("cdrs.wire").toString(), "--format", "wire",
                "--directory", dir.resolve("directory.yaml").toString(), "--out", dir.resolve("replay").toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("read 3000 records: 0 rejected");
        assertThat(dir.resolve("replay/metrics.csv")).hasSameTextualContentAs(dir.resolve("metrics-csv/out/metrics.csv"));
    }

    @Test
    void measuresJsonLinesOnRequest() {
        CliRun run = CliRun.run("bench", "--input", "jsonl", "--cdrs", "2000", "--lines", "50",
                "--work-dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cdrs.jsonl (jsonl, ");
        assertRunsAgree(run.out());
    }

    @Test
    void anotherInputIsAUsageError() {
        CliRun run = CliRun.run("bench", "--input", "avro", "--cdrs", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--input: \"avro\" is not an input of bench: use wire or jsonl");
    }

    private static void assertRunsAgree(String out) {
        Matcher m = RUN.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(2)).isEqualTo("warm-up (discarding sink, not a figure)");
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(2)).isEqualTo("discarding sink");
        String read = m.group(3);
        String rows = m.group(4);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(2)).isEqualTo("metrics.csv writer");
        assertThat(m.group(3)).isEqualTo(read);
        assertThat(m.group(4)).as("rows of both runs").isEqualTo(rows);
        assertThat(Long.parseLong(rows)).isPositive();
        assertThat(out).containsPattern("(?m)^bench: discarding sink [\\d,]+ CDR/s, metrics.csv writer [\\d,]+ CDR/s$");
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
                .as("the last figure is what the anchors script reads")
                .matches("bench: replay throughput [\\d,]+ CDR/s \\(\\w+ input, metrics.csv writer, checkpoints every 10 s, .*");
    }
}
