package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.mapped.MappedCsvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of valid lines of each PBX format: no exception escapes a reader, and every line is
 * parsed (or merged, or a counted duplicate) or rejected with a reason.
 */
class PbxReadersFuzzUnitTest {

    private static final long SEED = 20261012L;
    private static final int LINES = 3_000;
    private static final String[] INSERTS = {"\"", ",", "\"\"", "|", "\r", "\n", "\t", " ", "<", ">", "\\", "\u0000",
            "好", "\uD83D\uDE00", "9999999999999999999999", "-", ":", ".", "2026-13-40 25:61:61"};

    @TempDir
    Path dir;

    private static byte[] mutate(List<String> valid, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < LINES; i++) {
            String line = valid.get(random.nextInt(valid.size())).replace("#", Integer.toString(i));
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations && !line.isEmpty(); m++) {
                int at = random.nextInt(line.length());
                line = switch (random.nextInt(6)) {
                    case 0 -> line.substring(0, at) + line.substring(at + 1);
                    case 1 -> line.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + line.substring(at);
                    case 2 -> line.substring(0, at);
                    case 3 -> line.substring(0, at) + line.substring(at).replaceFirst("[0-9]",
                            Integer.toString(random.nextInt(10)));
                    case 4 -> line + line.substring(at);
                    default -> line.substring(0, at) + "x".repeat(random.nextInt(3) == 0 ? 20_000 : 5)
                            + line.substring(at);
                };
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(50) == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) 0xFF;
            }
            out.writeBytes(bytes);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Lines as the readers count them: split on \n only, a trailing \r dropped, blank ones skipped. */
    private static long nonBlankLines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        long n = 0;
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                n++;
            }
        }
        return n;
    }

    private static void assertEachHasAReason(List<InputRecord> records) {
        assertThat(records).allSatisfy(r -> {
            if (r.isRejected()) {
                assertThat(r.rejectReason).isNotBlank().doesNotContain("Exception");
            } else {
                assertThat(r.cdr).isNotNull();
            }
        });
    }

    @Test
    void masterCsv() throws IOException {
        List<String> valid = new ArrayList<>();
        for (String c : List.of("answered-via-queue", "busy", "transfer", "voicemail", "ring-no-answer")) {
            for (String line : Files.readAllLines(AsteriskTestFiles.caseDir(c).resolve("Master.csv"))) {
                valid.add(line.replaceAll("\"(\\d{10})\\.\\d+\"", "\"$1.#\""));
            }
        }
        valid.add(Files.readAllLines(AsteriskTestFiles.caseDir("busy").resolve("Master.csv")).get(0)
                .replaceAll(",\"\",\"\",\"\\d+\\.\\d+\",\\d+$", ""));
        Random random = new Random(SEED);
        for (int round = 0; round < 3; round++) {
            byte[] bytes = mutate(valid, random);
            Path file = Files.write(dir.resolve("Master" + round + ".csv"), bytes);
            try (AsteriskCsvReader reader = new AsteriskCsvReader(file, KEY,
                    new CdrInputOptions(null, ZoneOffset.UTC, List.of(), null))) {
                List<InputRecord> records = AsteriskTestFiles.drain(reader);
                assertEachHasAReason(records);
                assertThat(records.size() + reader.duplicates() + reader.merged()).isEqualTo(nonBlankLines(bytes));
                assertThat(records).filteredOn(r -> !r.isRejected()).isNotEmpty();
            }
        }
    }

    @Test
    void queueLog() throws IOException {
        List<String> valid = List.of("1791766830|1791766800.#|support|NONE|ENTERQUEUE||13800001111|1",
                "1791766860|1791766800.#|support|SIP/1002|CONNECT|30|1791766860.3|5",
                "1791767100|1791766800.#|support|SIP/1002|COMPLETECALLER|30|240|1",
                "1791767530|1791766800.#|support|NONE|ABANDON|1|1|110");
        Path master = AsteriskTestFiles.caseDir("answered-via-queue").resolve("Master.csv");
        Random random = new Random(SEED + 1);
        for (int round = 0; round < 3; round++) {
            Path file = Files.write(dir.resolve("queue_log" + round), mutate(valid, random));
            List<InputRecord> records = AsteriskTestFiles.readAll(master, file);
            assertEachHasAReason(records);
            assertThat(records).filteredOn(r -> r.origin.equals("Master.csv")).hasSize(1);
        }
    }

    @Test
    void mappedCsv() throws Exception {
        Path mapping = Path.of(getClass().getResource("/mapped/carrier.yaml").toURI());
        List<String> rows = Files.readAllLines(mapping.resolveSibling("carrier.csv"));
        List<String> valid = rows.subList(1, rows.size()).stream().map(r -> r.replaceFirst("^c-\\d+", "c-#"))
                .toList();
        Random random = new Random(SEED + 2);
        for (int round = 0; round < 3; round++) {
            byte[] body = mutate(valid, random);
            byte[] bytes = (rows.get(0) + "\n" + new String(body, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            Path file = Files.write(dir.resolve("carrier" + round + ".csv"), bytes);
            List<InputRecord> records = new ArrayList<>();
            try (MappedCsvReader reader = new MappedCsvReader(file, KEY,
                    new CdrInputOptions(null, ZoneOffset.UTC, List.of(), mapping.toString()))) {
                for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                    records.add(r);
                }
                assertEachHasAReason(records);
                assertThat(records.size() + reader.duplicates()).isEqualTo(nonBlankLines(bytes) - 1);
            }
        }
    }
}
