package org.hotlinepulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** replay over Asterisk Master.csv + queue_log and over a mapped carrier CSV: the job's metrics per line. */
class PbxReplayIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    static final CallerPseudonymiser KEY =
            new CallerPseudonymiser("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(PbxReplayIntegrationTest.class.getResource(name).toURI());
    }

    @Test
    void everyAsteriskCaseBecomesOneAttemptWithItsOutcome() throws Exception {
        Path cases = resource("/asterisk/directory.yaml").getParent();
        List<String> master = new ArrayList<>();
        List<String> queueLog = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(cases)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                master.addAll(Files.readAllLines(d.resolve("Master.csv")));
                queueLog.addAll(Files.readAllLines(d.resolve("queue_log")));
            }
        }
        master.sort(Comparator.comparing(l -> l.split("\",\"")[11]));
        queueLog.sort(Comparator.naturalOrder());
        Path masterCsv = Files.write(dir.resolve("Master.csv"), master);
        Path queueLogFile = Files.write(dir.resolve("queue_log"), queueLog);
        Path out = dir.resolve("out");
        ReplaySummary summary = new Replay(JobConfig.DEFAULTS, Directory.load(cases.resolve("directory.yaml")),
                List.of(masterCsv), CdrFormat.ASTERISK_CSV, new CdrInputOptions(null, ZoneId.of("Asia/Shanghai"),
                        List.of(queueLogFile.toString()), null), KEY, out, 1).run();

        assertThat(summary.read()).isEqualTo(10);
        assertThat(summary.rejected()).isZero();
        Map<String, String> perLine = hourlyTotals(out);
        // attempts, connected, answered, abandoned, short_abandoned, no_answer, busy, failed
        assertThat(perLine).containsEntry("037167890001", "5,5,2,1,0,2,0,0")
                .containsEntry("037167890002", "2,2,0,0,0,2,0,0")
                .containsEntry("037167890003", "3,1,0,0,0,1,2,0");
        assertThat(Files.readString(out.resolve("metrics.csv"))).doesNotContain("1380000");
    }

    @Test
    void aMappedCarrierCsvIsReplayedByItsMapping() throws Exception {
        Path out = dir.resolve("out");
        ReplaySummary summary = new Replay(JobConfig.DEFAULTS,
                Directory.load(resource("/asterisk/directory.yaml")), List.of(resource("/mapped/carrier.csv")),
                CdrFormat.MAPPED_CSV, new CdrInputOptions(null, ZoneId.of("UTC"), List.of(),
                        resource("/mapped/carrier.yaml").toString()), KEY, out, 1).run();
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(hourlyTotals(out)).containsEntry("037167890001", "3,2,1,1,0,0,1,0")
                .containsEntry("037167890002", "2,1,0,0,0,1,0,1");
        String rejected = Files.readString(out.resolve("rejected.jsonl"));
        assertThat(rejected).contains("\"line_no\":8").doesNotContain("13800006666").doesNotContain("13800007777");
    }

    /** Per line, the counts of its 60-minute rows summed. */
    private static Map<String, String> hourlyTotals(Path out) throws IOException {
        Map<String, long[]> sums = new TreeMap<>();
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            if (f[0].equals("line") && f[3].equals("60")) {
                long[] s = sums.computeIfAbsent(f[1], k -> new long[8]);
                for (int i = 0; i < 8; i++) {
                    s[i] += Long.parseLong(f[4 + i]);
                }
            }
        }
        Map<String, String> out2 = new TreeMap<>();
        sums.forEach((line, s) -> out2.put(line,
                java.util.Arrays.stream(s).mapToObj(Long::toString).collect(Collectors.joining(","))));
        return out2;
    }
}
