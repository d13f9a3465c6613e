package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rough throughput figure for the JSON Lines reader, printed and never asserted (timings on a shared machine
 * prove nothing). Run with {@code -Dhotlinepulse.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "hotlinepulse.benchmark", matches = "true")
class JsonLinesCdrReaderThroughputUnitTest {

    private static final int RECORDS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void printsRecordsPerSecond() throws IOException {
        Path withCaller = write("with-caller.jsonl", true);
        Path epochNoCaller = write("epoch.jsonl", false);
        for (int round = 1; round <= 3; round++) {
            measure("ISO times + raw caller, round " + round, withCaller);
            measure("epoch times, caller_hash given, round " + round, epochNoCaller);
        }
    }

    private static void measure(String label, Path file) throws IOException {
        long start = System.nanoTime();
        long read = 0;
        long rejected = 0;
        try (CdrReader reader = CdrFormat.JSONL.open(file, CdrFixtures.PSEUDONYMISER)) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                read++;
                if (r.isRejected()) {
                    rejected++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d records (%d rejected, %,d MB) in %.2f s = %,.0f records/s%n", label, read,
                rejected, Files.size(file) >> 20, seconds, read / seconds);
        assertThat(read).isEqualTo(RECORDS);
    }

    private Path write(String name, boolean isoAndCaller) throws IOException {
        Path file = dir.resolve(name);
        Instant t0 = Instant.parse("2026-10-12T00:00:00Z");
        String[] outcomes = {"ANSWERED", null, null, "BUSY"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < RECORDS; i++) {
                Instant start = t0.plusMillis(i * 731L);
                boolean answered = i % 4 == 0;
                StringBuilder b = new StringBuilder(360).append("{\"call_id\":\"pbx1-").append(i)
                        .append("\",\"line\":\"03716789").append(String.format("%04d", i % 500)).append('"');
                if (isoAndCaller) {
                    b.append(",\"caller\":\"+86 138 ").append(String.format("%04d %04d", i % 9973, i % 7919))
                            .append("\",\"caller_name\":\"张三\"");
                } else {
                    b.append(",\"caller_hash\":\"").append("0123456789abcdef".repeat(4)).append('"');
                }
                time(b, "start_time", start, isoAndCaller);
                time(b, "queue_time", start.plusMillis(8_250), isoAndCaller);
                if (answered) {
                    time(b, "answer_time", start.plusMillis(21_125), isoAndCaller);
                }
                time(b, "end_time", start.plusSeconds(185), isoAndCaller);
                String outcome = outcomes[i % 4];
                if (outcome != null) {
                    b.append(",\"outcome\":\"").append(outcome).append('"');
                }
                b.append(",\"release_cause\":").append(i % 4 == 3 ? 17 : 16)
                        .append(",\"released_by\":\"").append(i % 2 == 0 ? "CALLER" : "HOTLINE").append('"')
                        .append(",\"ivr\":true,\"probe\":false,\"source\":\"pbx1\"");
                if (answered) {
                    b.append(",\"agent_id\":\"a-").append(i % 40).append("\",\"resolved\":true,\"satisfaction\":5");
                }
                w.write(b.append("}\n").toString());
            }
        }
        return file;
    }

    private static void time(StringBuilder b, String field, Instant t, boolean iso) {
        b.append(",\"").append(field).append("\":");
        if (iso) {
            b.append('"').append(t.atOffset(ZoneOffset.ofHours(8))).append('"');
        } else {
            b.append(t.toEpochMilli());
        }
    }
}
