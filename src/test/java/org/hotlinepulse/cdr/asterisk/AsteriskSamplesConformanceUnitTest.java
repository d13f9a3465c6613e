package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CsvFields;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.testing.CdrSamples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance on files written by Asterisk itself (asterisk/testsuite, see docs/pbx-formats.md "Tests and speed"), read
 * where they lie and never copied into this repository: every line becomes part of a CDR, a counted duplicate or a
 * rejection with a reason, and outcomes follow the mapping table of docs/pbx-formats.md.
 */
class AsteriskSamplesConformanceUnitTest {

    static final Path SAMPLES = CdrSamples.resolve("asterisk-testsuite");

    @BeforeEach
    void samplesPresent() {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES),
                "skipped: the Asterisk sample files are not at " + SAMPLES.toAbsolutePath().normalize()
                        + " (a clone outside the hotline-pulse workspace): " + CdrSamples.howToSet());
    }

    /** Reads a file and checks that every non-blank line is accounted for. */
    private static List<InputRecord> readAccountingForEveryLine(String file) throws IOException {
        Path path = SAMPLES.resolve(file);
        long lines = Files.readAllLines(path).stream().filter(l -> !l.isBlank()).count();
        try (AsteriskCsvReader reader = new AsteriskCsvReader(path, KEY,
                new CdrInputOptions(null, ZoneOffset.UTC, List.of(), null))) {
            List<InputRecord> records = AsteriskTestFiles.drain(reader);
            assertThat(records).allSatisfy(r -> assertThat(r.isRejected() ? r.rejectReason : "parsed").isNotBlank());
            assertThat(records.size() + reader.duplicates() + reader.merged()).as(file).isEqualTo(lines);
            return records;
        }
    }

    @Test
    void cdrlibGood_fiveRecordsOfOneUniqueidAreOneCall() throws IOException {
        List<InputRecord> records = readAccountingForEveryLine("cdrlib_good.csv");
        assertThat(records).hasSize(1);
        Cdr cdr = records.get(0).cdr;
        assertThat(cdr.getCallId()).isEqualTo("asterisk:1231977075.0");
        assertThat(cdr.getLine()).isEqualTo("100");
        assertThat(cdr.getCallerHash()).as("caller id \"test\" holds no digit").isNull();
        assertThat(cdr.getStartTime()).isEqualTo(java.time.Instant.parse("2009-01-14T23:51:15Z"));
        // ANSWERED by Hangup without a bridged channel: the PBX answered, no person did.
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(cdr.getAnswerTime()).isNull();
    }

    @Test
    void cdrlibGood_eachRecordAloneMapsAsTheTableSays() throws Exception {
        List<String> lines = Files.readAllLines(SAMPLES.resolve("cdrlib_good.csv"));
        MasterCsvRecords records = new MasterCsvRecords(KEY, ZoneOffset.UTC);
        AsteriskCallMapper mapper = new AsteriskCallMapper("asterisk");
        CsvFields csv = new CsvFields(',', 64);
        StringBuilder mapped = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = csv.split(lines.get(i));
            AsteriskLeg leg = records.parse(i + 1, fields, records.pseudonymiseCallers(fields)).leg();
            Cdr cdr = mapper.map(List.of(leg), List.of());
            mapped.append(leg.disposition()).append(" -> ").append(cdr.getOutcome()).append(' ')
                    .append(cdr.getReleaseCause()).append(' ').append(cdr.getReleasedBy()).append('\n');
        }
        assertThat(mapped.toString()).isEqualTo("""
                ANSWERED -> NO_ANSWER null HOTLINE
                ANSWERED -> NO_ANSWER null HOTLINE
                FAILED -> FAILED 41 null
                NO_ANSWER -> NO_ANSWER 19 null
                BUSY -> BUSY 17 null
                """);
    }

    @Test
    void cdrlibBuggy_theTruncatedRecordIsRejectedWithAReason() throws IOException {
        List<InputRecord> records = readAccountingForEveryLine("cdrlib_buggy.csv");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.isRejected()).isTrue();
            assertThat(r.position).isEqualTo(1);
            assertThat(r.rejectReason).startsWith("not a CSV record: a quoted field is not closed");
            assertThat(r.rawRecord).as("a broken line may hold a caller's name: not copied").isEqualTo("null");
        });
    }

    @Test
    void selfTestMasters_eachUniqueidIsOneCall() throws IOException {
        List<InputRecord> first = readAccountingForEveryLine("self_test_Master.csv");
        assertThat(first).extracting(r -> r.cdr.getCallId() + " " + r.cdr.getLine() + " " + r.cdr.getOutcome())
                .containsExactly("asterisk:1270167992.0 1 NO_ANSWER", "asterisk:1270168442.0 1 NO_ANSWER");
        assertThat(readAccountingForEveryLine("self_test_Master2.csv")).singleElement()
                .satisfies(r -> assertThat(r.isRejected()).isFalse());
    }

    @Test
    void celFilesGivenAsMasterCsv_everyLineIsRejectedWithAReason() throws IOException {
        for (String file : List.of("self_test_CELMaster1.csv", "self_test_CELMaster2.csv")) {
            List<InputRecord> records = readAccountingForEveryLine(file);
            assertThat(records).isNotEmpty().allSatisfy(r -> {
                assertThat(r.isRejected()).isTrue();
                assertThat(r.rejectReason).matches("column 10 \\(start\\) \".*\" is not a time.*|the record has .*");
            });
        }
    }
}
