package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesCdrReaderUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CallerPseudonymiser P = CdrFixtures.PSEUDONYMISER;
    private static final String BASE = "\"call_id\":\"pbx1-77\",\"line\":\"037167890001\","
            + "\"start_time\":\"2026-10-12T09:03:11+08:00\",\"end_time\":\"2026-10-12T09:05:00+08:00\"";

    @TempDir
    Path dir;

    private static List<InputRecord> read(String content) throws IOException {
        return read(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<InputRecord> read(byte[] content) throws IOException {
        List<InputRecord> records = new ArrayList<>();
        try (CdrReader reader = new JsonLinesCdrReader(new ByteArrayInputStream(content), "test.jsonl", P)) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            assertThat(reader.next()).isNull();
        }
        return records;
    }

    private static InputRecord one(String line) throws IOException {
        List<InputRecord> records = read(line + "\n");
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String reason(String fields) throws IOException {
        InputRecord r = one("{" + fields + "}");
        assertThat(r.isRejected()).as("rejected: %s", fields).isTrue();
        return r.rejectReason;
    }

    @Test
    void readsAFullRecord() throws IOException {
        InputRecord r = one("{" + BASE + ",\"queue_time\":\"2026-10-12T09:03:40+08:00\","
                + "\"answer_time\":\"2026-10-12T09:03:52.250+08:00\",\"outcome\":\"ANSWERED\",\"release_cause\":16,"
                + "\"released_by\":\"CALLER\",\"ivr\":true,\"probe\":false,\"agent_id\":\"a-17\",\"source\":\"pbx1\","
                + "\"resolved\":true,\"satisfaction\":5,\"caller_hash\":\"" + "ab".repeat(32) + "\"}");
        assertThat(r.isRejected()).isFalse();
        assertThat(r.origin).isEqualTo("test.jsonl");
        assertThat(r.position).isEqualTo(1);
        Cdr c = r.cdr;
        assertThat(c.getCallId()).isEqualTo("pbx1-77");
        assertThat(c.getLine()).isEqualTo("037167890001");
        assertThat(c.getCallerHash()).isEqualTo("ab".repeat(32));
        assertThat(c.getStartTime()).isEqualTo(Instant.parse("2026-10-12T01:03:11Z"));
        assertThat(c.getQueueTime()).isEqualTo(Instant.parse("2026-10-12T01:03:40Z"));
        assertThat(c.getAnswerTime()).isEqualTo(Instant.parse("2026-10-12T01:03:52.250Z"));
        assertThat(c.getEndTime()).isEqualTo(Instant.parse("2026-10-12T01:05:00Z"));
        assertThat(c.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.getReleaseCause()).isEqualTo(16);
        assertThat(c.getReleasedBy()).isEqualTo(ReleasedBy.CALLER);
        assertThat(c.getIvr()).isTrue();
        assertThat(c.getProbe()).isFalse();
        assertThat(c.getAgentId()).isEqualTo("a-17");
        assertThat(c.getSource()).isEqualTo("pbx1");
        assertThat(c.getResolved()).isTrue();
        assertThat(c.getSatisfaction()).isEqualTo(5);
    }

    @Test
    void aMinimalRecordGetsDefaultsAndADerivedOutcome() throws IOException {
        Cdr c = one("{" + BASE + "}").cdr;
        assertThat(c.getIvr()).isFalse();
        assertThat(c.getProbe()).isFalse();
        assertThat(c.getResolved()).isNull();
        assertThat(c.getOutcome()).isEqualTo(Outcome.ABANDONED);
        Cdr nulls = one("{" + BASE + ",\"answer_time\":null,\"ivr\":null,\"outcome\":null,\"agent_id\":null}").cdr;
        assertThat(nulls.getAnswerTime()).isNull();
        assertThat(nulls.getIvr()).isFalse();
        assertThat(nulls.getOutcome()).isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void epochMillisecondTimesAndSubMillisecondTruncation() throws IOException {
        Cdr c = one("{\"call_id\":\"c\",\"line\":\"12345\",\"start_time\":1791766991123,"
                + "\"answer_time\":\"2026-10-12T01:03:12.123999999Z\",\"end_time\":1791767000000}").cdr;
        assertThat(c.getStartTime()).isEqualTo(Instant.parse("2026-10-12T01:03:11.123Z"));
        assertThat(c.getAnswerTime()).isEqualTo(Instant.parse("2026-10-12T01:03:12.123Z"));
        assertThat(c.getEndTime()).isEqualTo(Instant.parse("2026-10-12T01:03:20Z"));
        assertThat(c.getOutcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        String good = "{" + BASE + "}";
        List<InputRecord> records = read("\n" + good + "\r\n   \n\t\r\n" + good + "\n\n" + good);
        assertThat(records).extracting(r -> r.position).containsExactly(2L, 5L, 7L);
        assertThat(records).noneMatch(InputRecord::isRejected);
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        byte[] body = ("{" + BASE + "}\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(read(withBom)).singleElement().matches(r -> !r.isRejected());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        InputRecord r = one("{" + BASE + ",\"trunk\":\"T1\",\"extra\":{\"a\":[1,{\"b\":null}]},\"dup\":1,\"dup\":2}");
        assertThat(r.isRejected()).isFalse();
    }

    @Test
    void brokenJsonIsRejectedWithTheLineAsAStringLiteral() throws IOException {
        InputRecord r = one("{\"call_id\":\"c1\",\"line\":\"037167890001\",\"start_time\":");
        assertThat(r.rejectReason).startsWith("not a JSON object: invalid JSON at column ");
        assertThat(JSON.readTree(r.rawRecord).asText())
                .isEqualTo("{\"call_id\":\"c1\",\"line\":\"037167890001\",\"start_time\":");
        assertThat(one("{" + BASE + ",}").rejectReason).startsWith("not a JSON object: invalid JSON at column ");
        assertThat(one("{" + BASE + "} trailing").rejectReason)
                .startsWith("not a JSON object: invalid JSON at column ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,2]            | not a JSON object: an array",
            "\"a string\"     | not a JSON object: a string",
            "42               | not a JSON object: a number",
            "true             | not a JSON object: a boolean",
            "null             | not a JSON object: null",
    })
    void otherJsonValuesAreNotRecords(String line, String expected) throws IOException {
        InputRecord r = one(line);
        assertThat(r.rejectReason).isEqualTo(expected);
        assertThat(JSON.readTree(r.rawRecord).isTextual()).isTrue();
    }

    @Test
    void twoObjectsOnOneLine() throws IOException {
        assertThat(one("{" + BASE + "}{" + BASE + "}").rejectReason)
                .isEqualTo("not a JSON object: more than one JSON value on the line");
    }

    @Test
    void missingRequiredFields() throws IOException {
        assertThat(reason("\"line\":\"12345\",\"start_time\":1791766991000,\"end_time\":1791766991000"))
                .isEqualTo("missing required field call_id");
        assertThat(reason("\"call_id\":\"c\",\"start_time\":1791766991000,\"end_time\":1791766991000"))
                .isEqualTo("missing required field line");
        assertThat(reason("\"call_id\":\"c\",\"line\":\"12345\",\"start_time\":null,\"end_time\":1791766991000"))
                .isEqualTo("missing required field start_time");
        assertThat(reason("\"call_id\":\"c\",\"line\":\"12345\",\"start_time\":1791766991000"))
                .isEqualTo("missing required field end_time");
        assertThat(reason("\"call_id\":\"\",\"line\":\"12345\",\"start_time\":1791766991000,\"end_time\":1791766991000"))
                .isEqualTo("field call_id is empty");
    }

    @Test
    void badTimes() throws IOException {
        String head = "\"call_id\":\"c\",\"line\":\"12345\",\"start_time\":\"2026-10-12T09:03:11+08:00\",";
        assertThat(reason(head + "\"end_time\":\"2026-10-12 25:00:00\""))
                .isEqualTo("field end_time \"2026-10-12 25:00:00\" is not a time");
        assertThat(reason(head + "\"end_time\":\"2026-10-12T09:05:00\""))
                .isEqualTo("field end_time \"2026-10-12T09:05:00\" is not a time: it has no UTC offset"
                        + " (add Z or +08:00)");
        assertThat(reason(head + "\"end_time\":1791766991"))
                .isEqualTo("field end_time 1791766991 is not a time: epoch milliseconds are expected and this is"
                        + " before 1973 (epoch seconds?)");
        assertThat(reason(head + "\"end_time\":1791766991000.5"))
                .isEqualTo("field end_time 1791766991000.5 is not a time");
        assertThat(reason(head + "\"end_time\":true")).isEqualTo("field end_time true is not a time");
        assertThat(reason(head + "\"end_time\":{\"t\":1}")).isEqualTo("field end_time {...} is not a time");
        assertThat(reason(head + "\"end_time\":\"2026-10-12T09:00:00+08:00\""))
                .isEqualTo("field end_time 2026-10-12T01:00:00Z is before start_time 2026-10-12T01:03:11Z");
    }

    @Test
    void badFieldValues() throws IOException {
        assertThat(reason(BASE + ",\"outcome\":\"HUNG_UP\""))
                .isEqualTo("field outcome \"HUNG_UP\" is not one of ANSWERED, ABANDONED, NO_ANSWER, BUSY, FAILED");
        assertThat(reason(BASE + ",\"outcome\":\"answered\""))
                .isEqualTo("field outcome \"answered\" is not one of ANSWERED, ABANDONED, NO_ANSWER, BUSY, FAILED");
        assertThat(reason(BASE + ",\"outcome\":3"))
                .isEqualTo("field outcome 3 is not one of ANSWERED, ABANDONED, NO_ANSWER, BUSY, FAILED");
        assertThat(reason(BASE + ",\"released_by\":\"AGENT\""))
                .isEqualTo("field released_by \"AGENT\" is not one of CALLER, HOTLINE");
        assertThat(reason(BASE + ",\"ivr\":\"yes\"")).isEqualTo("field ivr \"yes\" is not a boolean");
        assertThat(reason(BASE + ",\"probe\":1")).isEqualTo("field probe 1 is not a boolean");
        assertThat(reason(BASE + ",\"resolved\":\"true\"")).isEqualTo("field resolved \"true\" is not a boolean");
        assertThat(reason(BASE + ",\"release_cause\":16.5")).isEqualTo("field release_cause 16.5 is not an integer");
        assertThat(reason(BASE + ",\"release_cause\":\"16\""))
                .isEqualTo("field release_cause \"16\" is not an integer");
        assertThat(reason(BASE + ",\"release_cause\":128")).isEqualTo("field release_cause 128 is not between 0 and 127");
        assertThat(reason(BASE + ",\"satisfaction\":99999999999"))
                .isEqualTo("field satisfaction 99999999999 is not between 1 and 5");
        assertThat(reason(BASE + ",\"satisfaction\":0")).isEqualTo("field satisfaction 0 is not between 1 and 5");
        assertThat(reason("\"call_id\":\"c\",\"line\":12345,\"start_time\":1791766991000,\"end_time\":1791766991000"))
                .isEqualTo("field line 12345 is not a string");
        assertThat(reason(BASE + ",\"source\":[\"a\"]")).isEqualTo("field source [...] is not a string");
        assertThat(reason(BASE + ",\"line\":\"again\"")).isEqualTo("field line appears more than once");
        assertThat(reason(BASE + ",\"outcome\":\"BUSY\",\"answer_time\":\"2026-10-12T09:04:00+08:00\""))
                .isEqualTo("field outcome BUSY contradicts answer_time 2026-10-12T01:04:00Z:"
                        + " only ANSWERED calls have an answer_time");
        assertThat(reason(BASE + ",\"call_id\":\"" + "x".repeat(100) + "\"")).isEqualTo(
                "field call_id appears more than once");
        assertThat(reason(BASE + ",\"agent_id\":{\"x\":1},\"outcome\":\"" + "y".repeat(100) + "\"")).isEqualTo(
                "field agent_id {...} is not a string");
        assertThat(reason(BASE + ",\"outcome\":\"" + "y".repeat(100) + "\"")).isEqualTo(
                "field outcome \"" + "y".repeat(60) + "…\" is not one of ANSWERED, ABANDONED, NO_ANSWER, BUSY, FAILED");
    }

    @Test
    void aRejectedObjectKeepsItsFieldsWithTheCallerHashed() throws IOException {
        InputRecord r = one("{" + BASE + ",\"caller\":\"+86 138 0013 8000\",\"caller_name\":\"张三\","
                + "\"trunk\":\"T1\",\"outcome\":\"HUNG_UP\"}");
        JsonNode raw = JSON.readTree(r.rawRecord);
        assertThat(raw.get("call_id").asText()).isEqualTo("pbx1-77");
        assertThat(raw.get("outcome").asText()).isEqualTo("HUNG_UP");
        assertThat(raw.get("trunk").asText()).isEqualTo("T1");
        assertThat(raw.get("caller_hash").asText()).isEqualTo(P.pseudonymise("+8613800138000"));
        assertThat(raw.has("caller")).isFalse();
        assertThat(raw.has("caller_name")).isFalse();
    }

    @Test
    void callerNumbersAreReplacedByTheirHash() throws IOException {
        String hash = P.pseudonymise("+8613800138000");
        assertThat(one("{" + BASE + ",\"caller\":\"+86 138-0013-8000\"}").cdr.getCallerHash()).isEqualTo(hash);
        assertThat(one("{" + BASE + ",\"caller_number\":\"+8613800138000\"}").cdr.getCallerHash()).isEqualTo(hash);
        assertThat(one("{" + BASE + ",\"caller_id\":\"+8613800138000\"}").cdr.getCallerHash()).isEqualTo(hash);
        assertThat(one("{" + BASE + ",\"caller_id\":13800138000}").cdr.getCallerHash())
                .isEqualTo(P.pseudonymise("13800138000"));
        // caller wins over caller_number and caller_id, and a raw number over a given hash
        assertThat(one("{" + BASE + ",\"caller_id\":\"1\",\"caller\":\"+8613800138000\",\"caller_number\":\"2\","
                + "\"caller_hash\":\"" + "cd".repeat(32) + "\"}").cdr.getCallerHash()).isEqualTo(hash);
        // the first caller field with a digit counts
        assertThat(one("{" + BASE + ",\"caller\":\"anonymous\",\"caller_id\":\"+8613800138000\"}").cdr
                .getCallerHash()).isEqualTo(hash);
        // a withheld number leaves the given hash, or none
        assertThat(one("{" + BASE + ",\"caller\":\"anonymous\"}").cdr.getCallerHash()).isNull();
        assertThat(one("{" + BASE + ",\"caller\":\"anonymous\",\"caller_hash\":\"" + "cd".repeat(32) + "\"}")
                .cdr.getCallerHash()).isEqualTo("cd".repeat(32));
        // a raw number put in caller_hash is hashed too
        assertThat(one("{" + BASE + ",\"caller_hash\":\"+86 138 0013 8000\"}").cdr.getCallerHash()).isEqualTo(hash);
        assertThat(one("{" + BASE + ",\"caller_name\":\"张三\"}").cdr.getCallerHash()).isNull();
        assertThat(reason(BASE + ",\"caller\":{\"n\":\"+8613800138000\"}"))
                .isEqualTo("field caller is neither a string nor an integer");
    }

    @Test
    void aRawCallerNumberAppearsNowhereInAnyOutput() throws IOException {
        String number = "13800138000";
        String spaced = "138 0013 8000";
        String[] lines = {
                "{" + BASE + ",\"caller\":\"+86" + number + "\"}",
                "{" + BASE + ",\"caller_number\":\"" + spaced + "\",\"outcome\":\"HUNG_UP\"}",
                "{" + BASE + ",\"caller_id\":" + number + ",\"end_time\":\"bad\"}",
                "{" + BASE + ",\"caller\":{\"n\":\"" + number + "\"}}",
                "{" + BASE + ",\"caller_name\":\"" + number + "\",\"satisfaction\":9}",
                "{" + BASE + ",\"caller_hash\":\"" + spaced + "\",\"release_cause\":300}",
                "{" + BASE + ",\"caller_hash\":\"" + spaced + "\"}",
                "{" + BASE + ",\"phone\":\"" + spaced + "\",\"notes\":[\"call back " + number + "\"],\"outcome\":1}",
                "{" + BASE + ",\"nested\":{\"caller\":\"" + number + "\"},\"line\":\"dup\"}",
                "{\"caller\":\"" + number + "\",\"call_id\":\"c\",\"line\":", // cut short
                "{'caller': '" + spaced + "', call_id: 'c'}",
                "{\"caller\":" + number + "x,\"call_id\":\"c\"}",
                "{\"callerx\":\"a\",\"caller\":\"" + number + "\" \"line\":\"12345\"}",
                "c1," + number + ",037167890001,2026-10-12 09:03:11,ANSWERED", // a CSV line by mistake
                "[\"" + number + "\"]",
                "\"+86 " + spaced + "\"",
                number,
                // Found in the attack review: caller_hash values with letters, numbers in keys and
                // written with '_' or '/' got through.
                "{" + BASE + ",\"caller_hash\":\"tel:" + number + "\"}",
                "{" + BASE + ",\"caller_hash\":\"+86 " + spaced + " (mobile)\"}",
                "{" + BASE + ",\"caller_hash\":\"" + "AB".repeat(32) + "\",\"x\":\"138_0013_8000\"}",
                "{" + BASE + ",\"" + number + "\":true,\"satisfaction\":9}",
                "{" + BASE + ",\"notes\":\"138_0013_8000 / 138/0013/8000\",\"satisfaction\":9}",
                "{\"call_id\":\"c\",\"138_0013_8000\":1,\"note\":138/0013/8000",
        };
        List<InputRecord> records = read(String.join("\n", lines));
        assertThat(records).hasSize(lines.length);
        for (InputRecord r : records) {
            String everything = r.rejectReason + " " + r.rawRecord + " " + (r.cdr == null ? "" : CdrJson.toJson(r.cdr));
            assertThat(everything).as("line %d", r.position).doesNotContain(number).doesNotContain(spaced)
                    .doesNotContain("0013");
            if (r.isRejected()) {
                JSON.readTree(r.rawRecord); // always valid JSON text
            }
        }
        assertThat(records.get(0).isRejected()).isFalse();
        assertThat(records.get(6).isRejected()).isFalse();
        assertThat(records.get(17).cdr.getCallerHash()).isEqualTo(P.pseudonymise(number));
        assertThat(records.get(18).cdr.getCallerHash()).isEqualTo(P.pseudonymise("+86" + number));
        // Upper-case hex is not a pseudonym either: hashed as a raw number it has no digit, so no caller.
        assertThat(records.get(19).isRejected()).isFalse();
        assertThat(records.get(19).cdr.getCallerHash()).isNull();
    }

    @Test
    void aBrokenLineKeepsItsCanonicalFieldsAndHashesTheCaller() throws IOException {
        InputRecord r = one("{\"call_id\":\"c1\",\"caller\":\"+8613800138000\",\"line\":\"037167890001\",");
        String raw = JSON.readTree(r.rawRecord).asText();
        assertThat(raw).isEqualTo("{\"call_id\":\"c1\",\"caller_hash\":\"" + P.pseudonymise("+8613800138000")
                + "\",\"line\":\"037167890001\",");
        InputRecord named = one("{\"call_id\":\"c1\",\"caller_name\":\"张三\",\"x\":\"13800138000\"");
        assertThat(JSON.readTree(named.rawRecord).asText())
                .isEqualTo("{\"call_id\":\"c1\",\"caller_name\":\"\",\"x\":\"***\"");
    }

    @Test
    void longBrokenLinesWithManyEscapesAreRedactedWithoutOverflowingTheStack() throws IOException {
        String line = "{\"call_id\":\"" + "x\\\"".repeat(3000) + "\",\"caller\":\"13800138000\" \"line\":";
        InputRecord r = one(line);
        assertThat(r.rejectReason).startsWith("not a JSON object: invalid JSON");
        assertThat(r.rawRecord).doesNotContain("13800138000").contains(P.pseudonymise("13800138000"));
    }

    @Test
    void invalidUtf8IsRejectedAndTheNextLineRead() throws IOException {
        byte[] bad = ("{" + BASE + ",\"agent_id\":\"a\u00e9\"}\n{" + BASE + "}\n").getBytes(StandardCharsets.UTF_8);
        int e = indexOf(bad, (byte) 0xC3);
        bad[e] = (byte) 0xFF;
        List<InputRecord> records = read(bad);
        assertThat(records.get(0).rejectReason).startsWith("not a JSON object: invalid JSON at column");
        assertThat(records.get(1).isRejected()).isFalse();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }

    @Test
    void anOverlongLineIsRejectedAndReadingGoesOn() throws IOException {
        String huge = "{\"x\":\"" + "a".repeat(JsonLinesCdrReader.MAX_LINE_BYTES + 10) + "\"}";
        List<InputRecord> records = read("{" + BASE + "}\n" + huge + "\n{" + BASE + "}");
        assertThat(records).extracting(r -> r.position).containsExactly(1L, 2L, 3L);
        assertThat(records.get(1).rejectReason)
                .isEqualTo("line is longer than 1048576 bytes (" + huge.length() + " bytes); not read");
        assertThat(JSON.readTree(records.get(1).rawRecord).asText().length())
                .isLessThan(RejectedRecordRedactor.MAX_RAW_TEXT + 100);
        assertThat(records.get(2).isRejected()).isFalse();
    }

    @Test
    void longLinesUnderTheLimitAcrossBufferRefills() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            content.append("{").append(BASE).append(",\"pad\":\"").append("p".repeat(i * 3000)).append("\"}\n");
        }
        List<InputRecord> records = read(content.toString());
        assertThat(records).hasSize(50).noneMatch(InputRecord::isRejected);
        assertThat(records.get(49).position).isEqualTo(50);
    }

    @Test
    void opensFilesThroughCdrFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("cdr-2026-10-12.jsonl"), "{" + BASE + "}\n\n{\"x\":1}\n");
        List<InputRecord> records = new ArrayList<>();
        try (CdrReader reader = CdrFormat.fromName("jsonl").open(file, P)) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        assertThat(records).extracting(r -> r.origin).containsOnly("cdr-2026-10-12.jsonl");
        assertThat(records).extracting(r -> r.position).containsExactly(1L, 3L);
        assertThat(records.get(1).rejectReason).isEqualTo("missing required field call_id");
        assertThat(records.get(1).rawRecord).isEqualTo("{\"x\":1}");
    }

    @Test
    void canonicalJsonReadsBackToTheSameCdr() throws IOException {
        Cdr original = CdrFixtures.cdr().callerHash("ef".repeat(32)).queueAfter(java.time.Duration.ofSeconds(4))
                .answerAfter(java.time.Duration.ofMillis(9_250)).endAfter(java.time.Duration.ofSeconds(90))
                .releaseCause(16).releasedBy(ReleasedBy.HOTLINE).ivr(true).agentId("a1").source("pbx1")
                .resolved(false).satisfaction(4).build();
        InputRecord back = one(CdrJson.toJson(original));
        assertThat(back.cdr).isEqualTo(original);
    }
}
