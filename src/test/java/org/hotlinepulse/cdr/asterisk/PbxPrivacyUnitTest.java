package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.mapped.MappedCsvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs with the caller's number in every column but the dialled one, and the caller's name in the caller id and
 * in free-text columns: nothing the readers produce (CDRs, rejected records, reasons) holds the number, the number
 * split by separators, or the name.
 */
class PbxPrivacyUnitTest {

    static final String NUMBER = "13912345678";
    static final String NAME = "Zhang San";
    static final List<String> FORMS = List.of(NUMBER, "139-1234-5678", "139 1234 5678", "+86 139 1234 5678",
            "(139)12345678");

    @TempDir
    Path dir;

    private static String masterRow(int column, String value, int id) {
        List<String> f = new ArrayList<>(List.of("\"" + NUMBER + "\"", "\"" + NUMBER + "\"", "\"037167890001\"",
                "\"" + NUMBER + "\"", "\"\"\"" + NAME + " " + NUMBER + "\"\" <" + NUMBER + ">\"",
                "\"SIP/" + NUMBER + "-00000001\"", "\"Local/" + NUMBER + "@agents-0001;1\"", "\"Dial\"",
                "\"SIP/trunk/" + NUMBER + ",30\"", "\"2026-10-12 09:00:00\"", "\"2026-10-12 09:00:05\"",
                "\"2026-10-12 09:03:00\"", "180", "175", "\"ANSWERED\"", "\"" + NUMBER + "\"",
                "\"1791766800." + id + "\"", "\"" + NAME + " " + NUMBER + "\"", "\"" + NUMBER + "\"",
                "\"1791766800." + id + "\"", "1"));
        if (column >= 0) {
            f.set(column, "\"" + value + "\"");
        }
        return String.join(",", f) + "\n";
    }

    @Test
    void asteriskMasterCsvAndQueueLog() throws IOException {
        StringBuilder master = new StringBuilder(masterRow(-1, null, 0));
        int id = 1;
        for (String form : FORMS) {
            for (int column = 0; column < 21; column++) {
                if (column != 2) {
                    master.append(masterRow(column, form, id++));
                }
            }
        }
        master.append("\"" + NUMBER + "\",\"" + NAME + "\n");
        master.append("\"" + NAME + "\",\"" + NUMBER + "\"\n");
        StringBuilder queueLog = new StringBuilder();
        for (String form : FORMS) {
            queueLog.append("1791766801|1791766800.0|support|NONE|ENTERQUEUE||" + form + "|1\n");
            for (int field = 0; field < 8; field++) {
                String[] f = {"1791766802", "1791766800.0", "support", "SIP/1001", "CONNECT", "1", "x", "2"};
                f[field] = form;
                queueLog.append(String.join("|", f)).append('\n');
            }
        }
        List<InputRecord> records = AsteriskTestFiles.readAll(write(dir, "Master.csv", master.toString()),
                write(dir, "queue_log", queueLog.toString()));
        assertThat(records).hasSizeGreaterThan(100);
        assertThat(records).filteredOn(r -> !r.isRejected()).isNotEmpty();
        assertNothingPersonalIn(records);
    }

    @Test
    void mappedCsv() throws IOException {
        Path mapping = write(dir, "m.yaml", "time_format: \"yyyy-MM-dd HH:mm:ss\"\ncolumns:\n  call_id: id\n"
                + "  line: called\n  caller: calling\n  start_time: start\n  end_time: end\n  agent_id: agent\n"
                + "  release_cause: cause\n");
        StringBuilder csv = new StringBuilder("id,calling,called,start,end,agent,cause,name,notes\n");
        String good = "c-0," + NUMBER + ",037167890001,2026-10-12 09:00:00,2026-10-12 09:01:00,"
                + NUMBER + ",16,\"" + NAME + "\"," + NUMBER;
        csv.append(good).append('\n');
        int n = 1;
        for (String form : FORMS) {
            for (int column = 0; column < 9; column++) {
                if (column == 2) {
                    continue;
                }
                String[] f = ("c-" + n++ + "," + good.substring(good.indexOf(',') + 1)).split(",");
                f[column] = "\"" + form + "\"";
                csv.append(String.join(",", f)).append('\n');
            }
        }
        csv.append("\"" + NUMBER + "\",\"" + NAME + "\n");
        List<InputRecord> records = new ArrayList<>();
        try (MappedCsvReader reader = new MappedCsvReader(write(dir, "c.csv", csv.toString()), KEY,
                new CdrInputOptions(null, ZoneOffset.UTC, List.of(), mapping.toString()))) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        assertThat(records).hasSizeGreaterThan(20);
        assertNothingPersonalIn(records);
    }

    private static void assertNothingPersonalIn(List<InputRecord> records) {
        for (InputRecord r : records) {
            String text = r.toString() + " " + (r.cdr == null ? "" : CdrJson.toJson(r.cdr));
            String digitsOnly = text.replaceAll("[^0-9]", " ");
            assertThat(text).as(r.origin + ":" + r.position).doesNotContain(NAME).doesNotContain("12345678")
                    .doesNotContain("1234-5678").doesNotContain("1234 5678");
            assertThat(digitsOnly).doesNotContain("12345678");
        }
    }
}
