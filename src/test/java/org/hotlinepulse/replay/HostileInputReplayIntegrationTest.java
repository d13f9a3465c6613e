package org.hotlinepulse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrFixtures;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.HostileInputs;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "done when": a replay over files mixing good records with hostile content (an absurdly long JSON line,
 * binary garbage, a record declaring a 2 GB string, Avro blocks whose headers lie) finishes, rejects the bad content
 * with reasons, and writes the good records' metrics rows exactly as a replay of the good records alone.
 */
class HostileInputReplayIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path DIRECTORY = Path.of("src/test/resources/job/directory.yaml");

    @TempDir
    Path dir;

    @Test
    void jsonLinesAroundAnAbsurdlyLongLineAndGarbageGiveTheRowsOfTheGoodLinesAlone() throws Exception {
        List<Cdr> good = HostileInputs.cdrs("j", 40);
        List<String> goodLines = good.stream().map(CdrJson::toJson).toList();
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < goodLines.size(); i++) {
            mixed.append(goodLines.get(i)).append('\n');
            if (i == 10) {
                mixed.append("{\"call_id\":\"").append("x".repeat(3 << 20)).append("\"}\n");
            }
            if (i == 20) {
                mixed.append("\u0000\u00ff\u0001{[\"\n");
            }
        }
        Path goodFile = Files.write(dir.resolve("good.jsonl"), goodLines, StandardCharsets.UTF_8);
        Path mixedFile = Files.writeString(dir.resolve("mixed.jsonl"), mixed, StandardCharsets.UTF_8);

        ReplaySummary alone = replay("good-out", CdrFormat.JSONL, goodFile);
        ReplaySummary withBad = replay("mixed-out", CdrFormat.JSONL, mixedFile);

        assertThat(withBad.rejected()).isEqualTo(2);
        assertThat(alone.metricsRows()).isPositive();
        assertThat(metricsRows("mixed-out")).isEqualTo(metricsRows("good-out"));
        assertThat(Files.readString(dir.resolve("mixed-out/rejected.jsonl")))
                .contains("\"line_no\":12", "line is longer than 1048576 bytes");
    }

    @Test
    void avroFilesWithLyingBlocksGiveTheRowsOfTheirReadableRecordsAlone() throws Exception {
        List<Cdr> good = HostileInputs.cdrs("a", 30);
        List<Cdr> a = good.subList(0, 10);
        List<Cdr> b = good.subList(10, 20);
        List<Cdr> d = good.subList(20, 30);
        // file 1: block a, a block whose first record declares a 2 GB string, block b, a block declaring 2^40
        // records, then a good block that is not read; file 2: block d, then a block declaring a 2 GB size.
        Path hostile1 = Files.write(dir.resolve("hostile-1.avro"), HostileInputs.avroFile().block(a)
                .blockWithStringDeclaring(HostileInputs.AVRO_MAX_ARRAY).block(b)
                .blockDeclaringCount(HostileInputs.cdrs("lie", 3), HostileInputs.LYING_COUNT)
                .block(HostileInputs.cdrs("never", 5)).bytes());
        Path hostile2 = Files.write(dir.resolve("hostile-2.avro"),
                HostileInputs.avroFile().block(d).blockDeclaringSize(HostileInputs.LYING_SIZE).bytes());
        Path good1 = Files.write(dir.resolve("good-1.avro"), HostileInputs.avroFile(List.of(a, b)));
        Path good2 = Files.write(dir.resolve("good-2.avro"), HostileInputs.avroFile(List.of(d)));

        ReplaySummary alone = replay("good-out", CdrFormat.AVRO, good1, good2);
        ReplaySummary withBad = replay("hostile-out", CdrFormat.AVRO, hostile1, hostile2);

        assertThat(alone.rejected()).isZero();
        assertThat(withBad.rejected()).as("3 records of the block with the 2 GB string, 2 lying blocks").isEqualTo(5);
        assertThat(metricsRows("hostile-out")).isEqualTo(metricsRows("good-out"));
        String rejected = Files.readString(dir.resolve("hostile-out/rejected.jsonl"));
        assertThat(rejected).contains("declares 1099511627776 records", "declares 2147483639 bytes",
                "string needs 2147483639 bytes");
    }

    @Test
    void aJobThatFailsAfterStartingLeavesNoOutputThatLooksComplete() throws Exception {
        // The replay command checks every file before the job starts; bypassing it, the job itself fails.
        Path other = Files.write(dir.resolve("readings.avro"), HostileInputs.avroFileOfUnrelatedSchema());
        assertThatThrownBy(() -> replay("failed-out", CdrFormat.AVRO, other))
                .isInstanceOf(ReplayFailedException.class)
                .hasMessageContaining(other + ": its writer schema Reading cannot be read as cdr.avsc");
        try (var files = Files.list(dir.resolve("failed-out"))) {
            assertThat(files).isEmpty();
        }
    }

    private ReplaySummary replay(String out, CdrFormat format, Path... files) throws Exception {
        return new Replay(JobConfig.DEFAULTS, Directory.load(DIRECTORY), List.of(files), format,
                CdrFixtures.PSEUDONYMISER, dir.resolve(out), 1).run();
    }

    private List<String> metricsRows(String out) throws Exception {
        List<String> rows = new ArrayList<>(Files.readAllLines(dir.resolve(out).resolve(ReplayOutputs.METRICS)));
        rows.sort(null);
        return rows;
    }
}
