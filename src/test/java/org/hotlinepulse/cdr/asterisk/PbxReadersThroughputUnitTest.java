package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough throughput of the asterisk-csv and mapped-csv readers, printed and never asserted (timings on a shared
 * machine prove nothing). Run with {@code -Dhotlinepulse.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "hotlinepulse.benchmark", matches = "true")
class PbxReadersThroughputUnitTest {

    private static final int CALLS = 300_000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long EPOCH = 1_791_766_800L;

    @TempDir
    Path dir;

    @Test
    void printsRecordsPerSecond() throws IOException {
        Path master = dir.resolve("Master.csv");
        Path queueLog = dir.resolve("queue_log");
        Path carrier = dir.resolve("carrier.csv");
        try (BufferedWriter m = Files.newBufferedWriter(master); BufferedWriter q = Files.newBufferedWriter(queueLog);
                BufferedWriter c = Files.newBufferedWriter(carrier)) {
            c.write("CallRef,CallingNumber,CalledNumber,SetupTime,ConnectTime,ReleaseTime,Result,Cause\n");
            for (int i = 0; i < CALLS; i++) {
                long start = EPOCH + i;
                String id = start + "." + i;
                String caller = "1380" + (1_000_000 + i % 9_000_000);
                m.write("\"\",\"" + caller + "\",\"037167890001\",\"hotline\",\"\"\"Citizen\"\" <" + caller
                        + ">\",\"SIP/trunk-0001\",\"SIP/1002-0003\",\"Queue\",\"support\",\"" + t(start) + "\",\""
                        + t(start + 1) + "\",\"" + t(start + 200) + "\",200,199,\"ANSWERED\",\"DOCUMENTATION\",\""
                        + id + "\",\"\",\"\",\"" + id + "\"," + i + "\n");
                q.write((start + 20) + "|" + id + "|support|NONE|ENTERQUEUE||" + caller + "|1\n");
                q.write((start + 40) + "|" + id + "|support|SIP/1002|CONNECT|20|" + id + "|5\n");
                q.write((start + 200) + "|" + id + "|support|SIP/1002|COMPLETECALLER|20|160|1\n");
                c.write("c-" + i + "," + caller + ",037167890001," + t(start) + "," + t(start + 12) + ","
                        + t(start + 200) + ",Connected,16\n");
            }
        }
        Path mapping = Path.of(dirOf("/mapped/carrier.yaml"));
        for (int round = 1; round <= 3; round++) {
            measure("asterisk-csv Master.csv alone, round " + round, CdrFormat.ASTERISK_CSV, master,
                    new CdrInputOptions(null, ZoneOffset.UTC, List.of(), null));
            measure("asterisk-csv Master.csv + queue_log (3 events per call), round " + round,
                    CdrFormat.ASTERISK_CSV, master,
                    new CdrInputOptions(null, ZoneOffset.UTC, List.of(queueLog.toString()), null));
            measure("mapped-csv, round " + round, CdrFormat.MAPPED_CSV, carrier,
                    new CdrInputOptions(null, ZoneOffset.UTC, List.of(), mapping.toString()));
        }
    }

    private static String dirOf(String resource) {
        try {
            return Path.of(PbxReadersThroughputUnitTest.class.getResource(resource).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String t(long epoch) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC).format(LOCAL);
    }

    private static void measure(String label, CdrFormat format, Path file, CdrInputOptions options)
            throws IOException {
        long started = System.nanoTime();
        long parsed = 0;
        try (CdrReader reader = format.open(file, KEY, options)) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                if (!r.isRejected()) {
                    parsed++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(parsed).isEqualTo(CALLS);
        System.out.printf("%s: %d records in %.2f s = %,.0f records/s%n", label, parsed, seconds, parsed / seconds);
    }
}
