package org.hotlinepulse.cdr.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.PSEUDONYMISER;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.SHANGHAI;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.csvRow;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.stream;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of good FreeSWITCH records: no exception escapes a reader, and every non-blank line comes
 * back parsed or rejected with a reason, never with a raw caller number.
 */
class FreeswitchRobustnessUnitTest {

    private static final String CALLER = "13912345678";
    private static final String CSV = csvRow("Wang Wu", CALLER, "037167890001", "2026-10-12 09:03:11",
            "2026-10-12 09:03:19", "2026-10-12 09:05:00", "NORMAL_CLEARING", "3da8bf84-c133-4959-9e24-e72875cb33a1",
            "f52c26f1-b018-4963-bf6d-a3111d1a0320");
    private static final String JSON = "{\"variables\":{\"uuid\":\"3da8bf84-c133-4959-9e24-e72875cb33a1\","
            + "\"start_uepoch\":\"1791766991250000\",\"answer_uepoch\":\"1791766992000000\","
            + "\"bridge_uepoch\":\"1791767003000000\",\"end_uepoch\":\"1791767051000000\",\"hangup_cause\":"
            + "\"NORMAL_CLEARING\",\"hangup_cause_q850\":\"16\",\"sip_hangup_disposition\":\"recv_bye\","
            + "\"sip_from_user\":\"" + CALLER + "\"},\"callflow\":[{\"profile_index\":\"1\",\"caller_profile\":{"
            + "\"caller_id_number\":\"" + CALLER + "\",\"destination_number\":\"037167890001\"}}]}";
    private static final String ALPHABET = "\",{}[]:\\ \n\r0123456789abcdef-_%+\u00e9\u4e2d";

    @Test
    void mutatedCsvRowsAreParsedOrRejected() throws IOException {
        mutate(CSV, text -> new FreeswitchCsvReader(stream(text), "m.csv", PSEUDONYMISER, SHANGHAI), 11);
    }

    @Test
    void mutatedJsonDocumentsAreParsedOrRejected() throws IOException {
        mutate(JSON, text -> new FreeswitchJsonReader(stream(text), "m.jsonl", false, PSEUDONYMISER, SHANGHAI), 13);
    }

    private static void mutate(String good, Function<String, CdrReader> open, long seed) throws IOException {
        Random random = new Random(seed);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder(good);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 1 -> { if (at < text.length()) { text.deleteCharAt(at); } }
                    case 2 -> { if (at < text.length()) { text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length()))); } }
                    default -> text.insert(at, text.substring(random.nextInt(text.length())));
                }
            }
            String input = text.toString();
            long lines = input.lines().filter(l -> !l.isBlank()).count();
            List<InputRecord> records = FreeswitchTesting.readAll(open.apply(input));
            assertThat(records.size()).as("records of %s", input).isLessThanOrEqualTo((int) lines);
            for (InputRecord r : records) {
                assertThat(r.cdr != null || (r.rejectReason != null && !r.rejectReason.isBlank()))
                        .as("parsed or rejected with a reason: %s", input).isTrue();
                // The validator quotes a bad line; a line holding the caller's number is a mutant's oddity.
                String reason = String.valueOf(r.rejectReason).startsWith("field line ") ? "" : r.rejectReason;
                assertThat(reason + r.rawRecord + r.cdr).doesNotContain(CALLER);
            }
        }
    }
}
