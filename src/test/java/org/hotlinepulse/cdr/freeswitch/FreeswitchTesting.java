package org.hotlinepulse.cdr.freeswitch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.CdrInputOptions;

/** Shared fixtures of the FreeSWITCH reader tests. */
final class FreeswitchTesting {

    static final CallerPseudonymiser PSEUDONYMISER =
            new CallerPseudonymiser("a test key of thirty-two bytes or more!".getBytes(StandardCharsets.UTF_8));
    static final CdrInputOptions SHANGHAI = new CdrInputOptions("freeswitch", ZoneId.of("Asia/Shanghai"), List.of(), null);

    private FreeswitchTesting() {}

    /** One mod_cdr_csv row of the "example" template, every field quoted. */
    static String csvRow(String callerName, String caller, String destination, String start, String answer,
                         String end, String cause, String uuid, String bleg) {
        return String.join(",", List.of(callerName, caller, destination, "public", start, answer, end, "30", "20",
                cause, uuid, bleg, "", "PCMA", "PCMA").stream().map(v -> "\"" + v + "\"").toList());
    }

    static List<InputRecord> readCsv(String text) {
        return readAll(new FreeswitchCsvReader(stream(text), "Master.csv", PSEUDONYMISER, SHANGHAI));
    }

    static List<InputRecord> readJsonLines(String text) {
        return readAll(new FreeswitchJsonReader(stream(text), "cdr.jsonl", false, PSEUDONYMISER, SHANGHAI));
    }

    static List<InputRecord> readAll(CdrReader reader) {
        List<InputRecord> records = new ArrayList<>();
        try (reader) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
