package org.hotlinepulse.cdr.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.PSEUDONYMISER;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.SHANGHAI;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.readAll;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.readJsonLines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.testing.CdrSamples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeswitchJsonReaderUnitTest {

    private static final Path SAMPLE = CdrSamples.resolve("freeswitch-json-cgrates/fs_mod_json_cdr_body.json");
    private static final String CALLER = "+8613800138000";
    private static final String LINE = "037167890001";
    private static final String UUID = "0b9a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

    /** A one-line document with a callflow profile and these variables (start and end set unless given). */
    private static String document(Map<String, String> variables) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("uuid", UUID);
        all.put("start_uepoch", "1791766991250000");
        all.put("end_uepoch", "1791767051000000");
        all.putAll(variables);
        String vars = all.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(","));
        return "{\"core-uuid\":\"x\",\"variables\":{" + vars + "},\"callflow\":[{\"profile_index\":\"2\","
                + "\"caller_profile\":{\"caller_id_name\":\"Li Si\",\"caller_id_number\":\"" + CALLER + "\","
                + "\"destination_number\":\"8001\"}},{\"profile_index\":\"1\",\"caller_profile\":{"
                + "\"caller_id_name\":\"Li Si\",\"caller_id_number\":\"" + CALLER + "\",\"destination_number\":\""
                + LINE + "\"}}]}";
    }

    private static Cdr only(Map<String, String> variables) {
        List<InputRecord> records = readJsonLines(document(variables) + "\n");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).rejectReason).isNull();
        return records.get(0).cdr;
    }

    @Test
    void theRealSampleIsAnAnsweredCallHungUpByTheHotline() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SAMPLE),
                "the real sample " + SAMPLE + " is absent (a clone outside the workspace): conformance not checked; "
                        + CdrSamples.howToSet());
        List<InputRecord> records = readAll(CdrFormatOpen.freeswitchJson(SAMPLE));
        assertThat(records).hasSize(1);
        Cdr cdr = records.get(0).cdr;
        assertThat(records.get(0).rejectReason).isNull();
        assertThat(cdr.getCallId()).isEqualTo("fs:3da8bf84-c133-4959-9e24-e72875cb33a1");
        assertThat(cdr.getLine()).isEqualTo("1002");
        assertThat(cdr.getCallerHash()).isEqualTo(PSEUDONYMISER.pseudonymise("1001"));
        assertThat(cdr.getStartTime()).isEqualTo(Instant.ofEpochMilli(1515666344534L));
        assertThat(cdr.getAnswerTime()).isEqualTo(Instant.ofEpochMilli(1515666347954L));
        assertThat(cdr.getEndTime()).isEqualTo(Instant.ofEpochMilli(1515666415494L));
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getReleaseCause()).isEqualTo(16);
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.HOTLINE);
        assertThat(cdr.getIvr()).isFalse();
    }

    @Test
    void aPersonAnswersAtTheBridgeNotWhenTheVoiceMenuAnswers() {
        Cdr cdr = only(Map.of("answer_uepoch", "1791766992000000", "bridge_uepoch", "1791767003000000",
                "hangup_cause", "NORMAL_CLEARING", "hangup_cause_q850", "16", "sip_hangup_disposition", "recv_bye",
                "cc_queue_joined_epoch", "1791766995", "cc_agent", "agent-7"));
        assertThat(cdr.getCallId()).isEqualTo("fs:" + UUID);
        assertThat(cdr.getLine()).isEqualTo(LINE);
        assertThat(cdr.getCallerHash()).isEqualTo(PSEUDONYMISER.pseudonymise(CALLER));
        assertThat(cdr.getStartTime()).isEqualTo(Instant.parse("2026-10-12T01:03:11.250Z"));
        assertThat(cdr.getQueueTime()).isEqualTo(Instant.parse("2026-10-12T01:03:15Z"));
        assertThat(cdr.getAnswerTime()).isEqualTo(Instant.parse("2026-10-12T01:03:23Z"));
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.CALLER);
        assertThat(cdr.getAgentId()).isEqualTo("agent-7");
        assertThat(cdr.getIvr()).isTrue();
    }

    @Test
    void aVoiceMenuThatHangsUpIsNoAnswerAndACallerLeavingTheQueueAbandons() {
        Cdr deadEnd = only(Map.of("answer_epoch", "1791766992", "hangup_cause", "NORMAL_CLEARING",
                "sip_hangup_disposition", "send_bye"));
        assertThat(deadEnd.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(deadEnd.getIvr()).isTrue();
        assertThat(deadEnd.getAnswerTime()).isNull();
        Cdr leftQueue = only(Map.of("answer_epoch", "1791766992", "cc_queue_joined_epoch", "1791766995",
                "hangup_cause", "NORMAL_CLEARING", "sip_hangup_disposition", "recv_bye"));
        assertThat(leftQueue.getOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(leftQueue.getReleasedBy()).isEqualTo(ReleasedBy.CALLER);
        assertThat(leftQueue.getQueueTime()).isEqualTo(Instant.parse("2026-10-12T01:03:15Z"));
    }

    @Test
    void busyVacantNoAnswerAndLocalStamps() {
        Cdr busy = only(Map.of("hangup_cause", "USER_BUSY", "hangup_cause_q850", "17",
                "sip_hangup_disposition", "send_refuse"));
        assertThat(busy.getOutcome()).isEqualTo(Outcome.BUSY);
        Cdr vacant = only(Map.of("hangup_cause", "UNALLOCATED_NUMBER"));
        assertThat(vacant.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(vacant.getReleaseCause()).isEqualTo(1);
        Map<String, String> stamps = new LinkedHashMap<>();
        stamps.put("start_uepoch", null);
        stamps.put("end_uepoch", "0");
        stamps.put("start_stamp", "2026-10-12%2009%3A03%3A11");
        stamps.put("end_stamp", "2026-10-12 09:03:41");
        stamps.put("hangup_cause", "NO_ANSWER");
        stamps.put("hangup_cause_q850", "19");
        Cdr noAnswer = only(stamps);
        assertThat(noAnswer.getStartTime()).isEqualTo(Instant.parse("2026-10-12T01:03:11Z"));
        assertThat(noAnswer.getEndTime()).isEqualTo(Instant.parse("2026-10-12T01:03:41Z"));
        assertThat(noAnswer.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        Cdr cancelled = only(Map.of("hangup_cause", "ORIGINATOR_CANCEL", "hangup_cause_q850", "487",
                "sip_hangup_disposition", "recv_cancel"));
        assertThat(cancelled.getOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(cancelled.getReleaseCause()).isNull();
    }

    @Test
    void aTransferIsOneCallAndItsBLegIsSkipped() {
        String aLeg = document(Map.of("bridge_epoch", "1791766995", "hangup_cause", "NORMAL_CLEARING",
                "transfer_history", "1791767000:abc:bl_xfer:8002/default/XML"));
        String bLeg = document(Map.of("uuid", "b2222222-0000-4000-8000-000000000002", "bridge_epoch",
                "1791766995", "originating_leg_uuid", UUID, "hangup_cause", "NORMAL_CLEARING"));
        List<InputRecord> records = readJsonLines(aLeg + "\n" + bLeg + "\n");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).cdr.getLine()).isEqualTo(LINE);
        assertThat(records.get(0).cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void badDocumentsAreRejectedWithTheirLineAndReason() {
        String text = String.join("\n",
                "{\"variables\":{\"uuid\":\"u1\"},\"callflow\":{\"caller_profile\":{\"caller_id_number\":\""
                        + CALLER + "\",\"destination_number\":\"" + LINE + "\"}}}",
                "{\"variables\": {\"caller_id_number\":\"" + CALLER + "\"",
                "[1,2]",
                document(Map.of("hangup_cause", "HUNG_UP")),
                document(Map.of("start_uepoch", "17917669912500001")),
                "{\"no\":\"variables\",\"caller\":\"" + CALLER + "\"}",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]"
                        + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]") + "\n";
        List<InputRecord> records = readJsonLines(text);
        assertThat(records).extracting(r -> r.position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(records).allMatch(InputRecord::isRejected);
        assertThat(records.get(0).rejectReason).startsWith("missing required field variables.start_uepoch");
        assertThat(records.get(1).rejectReason).startsWith("not a JSON document at line 1, column ");
        assertThat(records.get(2).rejectReason).isEqualTo("not a mod_json_cdr document: a JSON array, not an object");
        assertThat(records.get(3).rejectReason).startsWith("field hangup_cause \"HUNG_UP\" is not a FreeSWITCH");
        assertThat(records.get(4).rejectReason).startsWith("field start_uepoch \"***\" is not a number of");
        assertThat(records.get(5).rejectReason).contains("no \"variables\" object");
        assertThat(records.get(6).rejectReason).contains("nesting depth");
        for (InputRecord r : records) {
            assertThat(r.rejectReason + r.rawRecord).doesNotContain("13800138000").doesNotContain("Li Si");
        }
        assertThat(records.get(0).rawRecord).contains(PSEUDONYMISER.pseudonymise(CALLER));
    }

    @Test
    void aLogDirectoryFileIsOnePrettyPrintedDocument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(UUID + ".cdr.json");
        Files.writeString(file, document(Map.of("hangup_cause", "USER_BUSY")).replace(",", ",\n\t"));
        List<InputRecord> records = readAll(CdrFormatOpen.freeswitchJson(file));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).cdr.getOutcome()).isEqualTo(Outcome.BUSY);
    }

    /** Opens files the way replay and ingest do. */
    private static final class CdrFormatOpen {
        static FreeswitchJsonReader freeswitchJson(Path file) throws java.io.IOException {
            return new FreeswitchJsonReader(file, PSEUDONYMISER, SHANGHAI);
        }
    }
}
