package org.hotlinepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --format freeswitch-csv|freeswitch-json} end to end: PBX records become metrics rows. */
class FreeswitchReplayIntegrationTest {

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
        CliRun csvRun = CliRun.run("replay", "--format", "freeswitch-csv", "--cdr", csv.toString(),
                "--directory", SimulateCommandIntegrationTest.DIRECTORY, "--out", dir.resolve("csv").toString(),
                "--parallelism", "1");
        assertThat(csvRun.exitCode()).as(csvRun.err()).isZero();
        assertThat(csvRun.out()).contains("read 3 records: 1 rejected");
        List<String> rows = Files.readAllLines(dir.resolve("csv/metrics.csv"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("line,037167890001,").contains(",60,2,1,1,"));
        assertThat(Files.readString(dir.resolve("csv/rejected.jsonl"))).contains("column 5: field start_stamp")
                .doesNotContain("13800138002");

        Path json = dir.resolve("cdr.jsonl");
        Files.writeString(json, "{\"variables\":{\"uuid\":\"u-1\",\"start_epoch\":\"1791766991\",\"end_epoch\":"
                + "\"1791767051\",\"answer_epoch\":\"1791766992\",\"hangup_cause\":\"NORMAL_CLEARING\","
                + "\"sip_hangup_disposition\":\"send_bye\"},\"callflow\":{\"caller_profile\":{\"caller_id_number\":"
                + "\"13800138000\",\"destination_number\":\"037167890001\"}}}\n");
        CliRun jsonRun = CliRun.run("replay", "--format", "freeswitch-json", "--cdr", json.toString(),
                "--directory", SimulateCommandIntegrationTest.DIRECTORY, "--out", dir.resolve("json").toString(),
                "--parallelism", "1");
        assertThat(jsonRun.exitCode()).as(jsonRun.err()).isZero();
        assertThat(jsonRun.out()).contains("read 1 records: 0 rejected");
        assertThat(Files.readAllLines(dir.resolve("json/metrics.csv")))
                .anySatisfy(row -> assertThat(row).startsWith("line,037167890001,").contains(",60,1,1,0,0,0,1,"));
    }
}
