package org.hotlinepulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of {@code freeswitch-csv} and {@code freeswitch-json} end to end: PBX records become metrics rows.
 * (The command refuses these formats without a configured HMAC key, which a test cannot set in its own
 * environment: PbxReplayCommandUnitTest covers that refusal.)
 */
class FreeswitchReplayIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final CdrInputOptions SHANGHAI =
            new CdrInputOptions(null, ZoneId.of("Asia/Shanghai"), List.of(), null);

    @TempDir
    Path dir;

    @Test
    void freeswitchCsvAndJsonReplayIntoMetrics() throws Exception {
        Path csv = dir.resolve("Master.csv");
        Files.writeString(csv, String.join("\n",
                "\"A\",\"13800138000\",\"037167890001\",\"public\",\"2026-10-12 09:03:11\",\"2026-10-12 09:03:20\","
                        + "\"2026-10-12 09:05:00\",\"109\",\"100\",\"NORMAL_CLEARING\","
                        + "\"a0000000-0000-4000-8000-000000000001\",\"b0000000-0000-4000-8000-000000000001\",\"\","
                        + "\"PCMA\",\"PCMA\"",
                "\"B\",\"13800138001\",\"037167890001\",\"public\",\"2026-10-12 09:04:11\",\"\","
                        + "\"2026-10-12 09:04:12\",\"1\",\"0\",\"USER_BUSY\","
                        + "\"a0000000-0000-4000-8000-000000000002\",\"\",\"\",\"PCMA\",\"PCMA\"",
                "\"C\",\"13800138002\",\"037167890001\",\"public\",\"2026-10-12 25:04:11\",\"\","
                        + "\"2026-10-12 09:04:12\",\"1\",\"0\",\"USER_BUSY\","
                        + "\"a0000000-0000-4000-8000-000000000003\",\"\",\"\",\"PCMA\",\"PCMA\"") + "\n");
        ReplaySummary csvRun = replay(csv, CdrFormat.FREESWITCH_CSV, dir.resolve("csv"));
        assertThat(csvRun.line()).contains("read 3 records: 1 rejected");
        List<String> rows = Files.readAllLines(dir.resolve("csv/metrics.csv"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("line,037167890001,").contains(",60,2,1,1,"));
        assertThat(Files.readString(dir.resolve("csv/rejected.jsonl"))).contains("column 5: field start_stamp")
                .doesNotContain("13800138002");

        Path json = dir.resolve("cdr.jsonl");
        Files.writeString(json, "{\"variables\":{\"uuid\":\"u-1\",\"start_epoch\":\"1791766991\",\"end_epoch\":"
                + "\"1791767051\",\"answer_epoch\":\"1791766992\",\"hangup_cause\":\"NORMAL_CLEARING\","
                + "\"sip_hangup_disposition\":\"send_bye\"},\"callflow\":{\"caller_profile\":{\"caller_id_number\":"
                + "\"13800138000\",\"destination_number\":\"037167890001\"}}}\n");
        ReplaySummary jsonRun = replay(json, CdrFormat.FREESWITCH_JSON, dir.resolve("json"));
        assertThat(jsonRun.line()).contains("read 1 records: 0 rejected");
        assertThat(Files.readAllLines(dir.resolve("json/metrics.csv")))
                .anySatisfy(row -> assertThat(row).startsWith("line,037167890001,").contains(",60,1,1,0,0,0,1,"));
    }

    private static ReplaySummary replay(Path file, CdrFormat format, Path out) throws Exception {
        return new Replay(JobConfig.DEFAULTS, Directory.load(Path.of("src/test/resources/job/directory.yaml")),
                List.of(file), format, SHANGHAI, PbxReplayIntegrationTest.KEY, out, 1).run();
    }
}
