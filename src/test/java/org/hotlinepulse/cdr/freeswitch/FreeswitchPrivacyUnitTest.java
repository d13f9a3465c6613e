package org.hotlinepulse.cdr.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.PSEUDONYMISER;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.readCsv;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.readJsonLines;

import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;

/**
 * Inputs full of the caller's number, in every field a FreeSWITCH record has and in every way it is written: no
 * record, rejection reason or rejected record carries it; good records carry it only as its hash.
 */
class FreeswitchPrivacyUnitTest {

    private static final List<String> FORMS = List.of("13800138000", "+86 138-0013-8000", "138 0013 8000",
            "tel:+8613800138000", "86-138.0013.8000");
    private static final String UUID = "3da8bf84-c133-4959-9e24-e72875cb33a1";

    private static void assertNoRawNumber(List<InputRecord> records) {
        assertThat(records).isNotEmpty();
        for (InputRecord r : records) {
            String written = r.rejectReason + " " + r.rawRecord + " " + (r.cdr == null ? "" : CdrJson.toJson(r.cdr));
            assertThat(written).doesNotContain("13800138000", "0013", "138 0013", "138-0013", "138.0013");
            if (r.cdr != null) {
                assertThat(r.cdr.getCallerHash()).isEqualTo(PSEUDONYMISER.pseudonymise("+8613800138000"));
            }
        }
    }

    @Test
    void csvRowsWithTheNumberInEveryColumn() {
        List<String> rows = new ArrayList<>();
        for (String n : FORMS) {
            String[] good = {n, "+8613800138000", "037167890001", n, "2026-10-12 09:03:11", "", "2026-10-12 09:03:40",
                    n, n, "NO_ANSWER", UUID, "", n, n, n};
            rows.add(quoted(good));
            // Not column 3 (destination_number): a number there is the line dialled, by definition.
            for (int column : new int[] {4, 5, 6, 9, 10}) {
                String[] bad = good.clone();
                bad[column] = n;
                rows.add(quoted(bad));
            }
            rows.add("\"" + n + "\",\"" + n + "\"");
            rows.add("\"" + n + "\",\"+8613800138000\",\"" + n);
        }
        List<InputRecord> records = readCsv(String.join("\n", rows) + "\n");
        assertThat(records).hasSize(rows.size());
        assertNoRawNumber(records);
        assertThat(records.stream().filter(r -> !r.isRejected())).hasSize(FORMS.size());
    }

    @Test
    void jsonDocumentsWithTheNumberInEveryVariable() {
        List<String> docs = new ArrayList<>();
        for (String n : FORMS) {
            String fields = "\"caller_id_name\":\"" + n + "\",\"sip_from_user\":\"" + n + "\",\"sip_full_from\":\"<sip:"
                    + n + "@x>\",\"effective_caller_id_number\":\"" + n + "\",\"accountcode\":\"" + n + "\"";
            String profile = ",\"callflow\":[{\"profile_index\":\"1\",\"caller_profile\":{\"caller_id_number\":"
                    + "\"+8613800138000\",\"caller_id_name\":\"" + n + "\",\"ani\":\"" + n + "\","
                    + "\"destination_number\":\"037167890001\"}}]";
            docs.add("{\"variables\":{\"uuid\":\"" + UUID + "\",\"start_epoch\":\"1791766991\",\"end_epoch\":"
                    + "\"1791767051\"," + fields + "}" + profile + "}");
            for (String broken : List.of("\"start_epoch\":\"" + n + "\"", "\"hangup_cause\":\"" + n + "\"",
                    "\"hangup_cause_q850\":\"" + n + "\"", "\"start_stamp\":\"" + n + "\"")) {
                docs.add("{\"variables\":{\"uuid\":\"" + UUID + "\",\"end_epoch\":\"1791767051\"," + broken + ","
                        + fields + "}" + profile + "}");
            }
            docs.add("{\"variables\":{" + fields + ",\"x\":\"" + n);
            docs.add("[\"" + n + "\"]");
        }
        List<InputRecord> records = readJsonLines(String.join("\n", docs) + "\n");
        assertThat(records).hasSize(docs.size());
        assertNoRawNumber(records);
        assertThat(records.stream().filter(r -> !r.isRejected())).hasSize(FORMS.size());
    }

    private static String quoted(String[] fields) {
        return String.join(",", List.of(fields).stream().map(v -> "\"" + v + "\"").toList());
    }
}
