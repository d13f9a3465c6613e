package org.hotlinepulse.cdr.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedCsvReaderUnitTest {

    static final CallerPseudonymiser KEY = new CallerPseudonymiser("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(MappedCsvReaderUnitTest.class.getResource("/mapped/" + name).toURI());
    }

    static List<InputRecord> readAll(Path csv, Path mapping) throws IOException {
        List<InputRecord> out = new ArrayList<>();
        try (MappedCsvReader reader = new MappedCsvReader(csv, KEY,
                new CdrInputOptions(null, ZoneOffset.UTC, List.of(), mapping.toString()))) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void readsACarrierExportByItsMapping() throws Exception {
        List<InputRecord> records = readAll(resource("carrier.csv"), resource("carrier.yaml"));
        assertThat(records).extracting(r -> r.position + " " + (r.isRejected() ? r.rejectReason
                : r.cdr.getCallId() + " " + r.cdr.getOutcome())).containsExactly(
                "2 carrier-x:c-1 ANSWERED",
                "3 carrier-x:c-2 BUSY",
                "4 carrier-x:c-3 NO_ANSWER",
                "5 carrier-x:c-4 FAILED",
                "6 carrier-x:c-5 ABANDONED",
                "8 column 7 \"Result\" (outcome) \"Hung up\" is not one of the mapping's outcomes Connected, Busy,"
                        + " No answer, Unreachable, Caller hung up",
                "9 column 4 \"SetupTime\" (start_time) \"***\" is not a time of the mapping's time_format"
                        + " yyyy-MM-dd HH:mm:ss");
        InputRecord first = records.get(0);
        assertThat(first.cdr.getLine()).isEqualTo("037167890001");
        assertThat(first.cdr.getSource()).isEqualTo("carrier-x");
        assertThat(first.cdr.getCallerHash()).isEqualTo(KEY.pseudonymise("13800001111"));
        assertThat(first.cdr.getStartTime()).isEqualTo(Instant.parse("2026-10-12T01:00:00Z"));
        assertThat(first.cdr.getAnswerTime()).isEqualTo(Instant.parse("2026-10-12T01:00:12Z"));
        assertThat(first.cdr.getReleaseCause()).isEqualTo(16);
        assertThat(records.get(2).cdr.getCallerHash()).isEqualTo(KEY.pseudonymise("+8613800003333"));
        assertThat(records.get(5).rawRecord).contains("\"caller_hash\":\"" + KEY.pseudonymise("13800006666"))
                .doesNotContain("13800006666");
    }

    @Test
    void aMappingWithAnUnknownFieldNamesFileLineAndTheKnownFields() throws IOException {
        Path mapping = Files.writeString(dir.resolve("carrier.yaml"), "source: x\ncolums:\n  call_id: A\n");
        assertThatThrownBy(() -> CsvMappingLoader.load(mapping)).isInstanceOf(IOException.class)
                .hasMessage("carrier.yaml line 2: unknown field \"colums\" (known: columns, header, outcomes,"
                        + " separator, source, time_format, timezone)");
        Path misspeltColumn = Files.writeString(dir.resolve("m2.yaml"),
                "columns:\n  call_id: A\n  line: B\n  start: C\n");
        assertThatThrownBy(() -> CsvMappingLoader.load(misspeltColumn))
                .hasMessageStartingWith("m2.yaml line 4: unknown field \"start\" (known: agent_id, answer_time,");
    }

    @Test
    void aMappingWithABadOutcomeOrMissingColumnsSaysWhich() throws IOException {
        Path badOutcome = Files.writeString(dir.resolve("m.yaml"), "columns:\n  call_id: A\n  line: B\n"
                + "  start_time: C\n  end_time: D\n  outcome: E\noutcomes:\n  ok: ANSWER\n");
        assertThatThrownBy(() -> CsvMappingLoader.load(badOutcome))
                .hasMessage("m.yaml line 8: outcomes.ok: \"ANSWER\" is not one of ANSWERED, ABANDONED, NO_ANSWER,"
                        + " BUSY, FAILED");
        Path noLine = Files.writeString(dir.resolve("n.yaml"), "columns:\n  call_id: A\n  start_time: C\n");
        assertThatThrownBy(() -> CsvMappingLoader.load(noLine)).hasMessage("n.yaml: columns.line is required");
        Path badFormat = Files.writeString(dir.resolve("f.yaml"), "time_format: \"yyyy-MM-dd qqqqqq\"\n"
                + "columns:\n  call_id: A\n  line: B\n  start_time: C\n  end_time: D\n");
        assertThatThrownBy(() -> CsvMappingLoader.load(badFormat))
                .hasMessageStartingWith("f.yaml: time_format \"yyyy-MM-dd qqqqqq\" is neither iso");
    }

    @Test
    void aHeaderLackingAMappedColumnRefusesTheFile() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "CallRef,Calling\nc-1,13800001111\n");
        assertThatThrownBy(() -> readAll(csv, resource("carrier.yaml"))).isInstanceOf(IOException.class)
                .hasMessageContaining("x.csv: the header line has no column \"CallRef\"".replace("CallRef",
                        "CalledNumber"));
    }

    @Test
    void withoutAHeaderColumnsAreNumbered_andDurationGivesTheEnd() throws Exception {
        Path mapping = Files.writeString(dir.resolve("v.yaml"), "header: false\nseparator: \";\"\n"
                + "time_format: epoch_seconds\ncolumns:\n  call_id: 1\n  line: 2\n  caller: 3\n"
                + "  start_time: 4\n  duration_seconds: 5\n");
        Path csv = Files.writeString(dir.resolve("v.csv"), "id-9;12345;13900001111;1791766800;65\n");
        List<InputRecord> records = readAll(csv, mapping);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).cdr.getEndTime()).isEqualTo(Instant.parse("2026-10-12T01:01:05Z"));
        assertThat(records.get(0).cdr.getCallId()).isEqualTo("mapped:id-9");
        assertThat(records.get(0).cdr.getOutcome()).isEqualTo(Outcome.ABANDONED);
    }
}
