package org.hotlinepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --parsers} through the command line: every format is generated and read back whole, nothing
 * rejected. The speeds it prints are not checked (timings on a shared machine prove nothing).
 */
class BenchParsersCommandUnitTest {

    private static final List<String> INPUTS = List.of("jsonl", "avro", "wire", "asterisk-csv", "asterisk-csv+queue_log",
            "freeswitch-csv", "freeswitch-json", "mapped-csv");

    @TempDir
    Path dir;

    @Test
    void readsEveryFormatWholeWithNothingRejected() throws Exception {
        CliRun run = CliRun.run("bench", "--parsers", "--cdrs", "2000", "--work-dir", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String input : INPUTS) {
            assertThat(run.out()).as(run.out()).containsPattern(Pattern.compile(
                    "(?m)^parsers: " + Pattern.quote(input) + " +read 2000  rejected 0  .* records/s .* MB/s$"));
        }
        assertThat(run.out().lines().filter(l -> l.matches("parsers: \\S+ +read .*"))).hasSize(INPUTS.size());
        assertThat(dir.resolve("carrier.yaml")).exists();
        assertThat(Files.size(dir.resolve("queue_log"))).isPositive();
    }

    @Test
    void withoutAWorkDirTheGeneratedFilesAreDeleted() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var s = Files.list(tmp)) {
            before = s.filter(p -> p.getFileName().toString().startsWith("hotline-pulse-bench-parsers")).count();
        }
        CliRun run = CliRun.run("bench", "--parsers", "--cdrs", "50");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("hotline-pulse-bench-parsers")).count())
                    .isEqualTo(before);
        }
    }
}
