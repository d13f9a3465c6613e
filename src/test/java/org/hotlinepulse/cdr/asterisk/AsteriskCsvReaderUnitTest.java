package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.caseDir;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.readAll;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-checked Master.csv + queue_log pairs of src/test/resources/asterisk, one per case of the mapping. */
class AsteriskCsvReaderUnitTest {

    @TempDir
    Path dir;

    private static Cdr onlyCdr(String caseName) throws IOException {
        Path d = caseDir(caseName);
        List<InputRecord> records = readAll(d.resolve("Master.csv"), d.resolve("queue_log"));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).isRejected()).as(records.get(0).toString()).isFalse();
        return records.get(0).cdr;
    }

    private static Instant local(String time) {
        return Instant.parse(time + "+08:00".replace("+08:00", "Z")).minusSeconds(8 * 3600);
    }

    @Test
    void answeredViaAQueue_isAnsweredAtConnect_withTheQueueWait() throws IOException {
        Cdr cdr = onlyCdr("answered-via-queue");
        assertThat(cdr.getCallId()).isEqualTo("asterisk:1791766800.1");
        assertThat(cdr.getSource()).isEqualTo("asterisk");
        assertThat(cdr.getLine()).isEqualTo("037167890001");
        assertThat(cdr.getCallerHash()).isEqualTo(KEY.pseudonymise("13800001111"));
        assertThat(cdr.getStartTime()).isEqualTo(local("2026-10-12T09:00:00"));
        assertThat(cdr.getQueueTime()).isEqualTo(local("2026-10-12T09:00:30"));
        assertThat(cdr.getAnswerTime()).isEqualTo(local("2026-10-12T09:01:00"));
        assertThat(cdr.getEndTime()).isEqualTo(local("2026-10-12T09:05:00"));
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getAgentId()).isEqualTo("SIP/1002");
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.CALLER);
        assertThat(cdr.getIvr()).isFalse();
    }

    @Test
    void callerHungUpInTheQueue_isAbandonedByTheCaller() throws IOException {
        Cdr cdr = onlyCdr("caller-hung-up-in-queue");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.CALLER);
        assertThat(cdr.getQueueTime()).isEqualTo(local("2026-10-12T09:10:20"));
        assertThat(cdr.getAnswerTime()).isNull();
    }

    @Test
    void queueWithNoAgents_isNoAnswer_althoughTheChannelWasAnswered() throws IOException {
        Cdr cdr = onlyCdr("queue-with-no-agents");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.HOTLINE);
        assertThat(cdr.getIvr()).isTrue();
        assertThat(cdr.getAnswerTime()).isNull();
    }

    @Test
    void queueTimeoutAfterAgentsRangOut_isNoAnswer() throws IOException {
        Cdr cdr = onlyCdr("queue-timeout");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.HOTLINE);
        assertThat(cdr.getAnswerTime()).isNull();
    }

    @Test
    void voiceMenuOnly_isNoAnswerInAVoiceMenu() throws IOException {
        Cdr cdr = onlyCdr("voice-menu-only");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(cdr.getIvr()).isTrue();
        assertThat(cdr.getAnswerTime()).isNull();
    }

    @Test
    void voicemail_isNoAnswer_notAPersonAnswering() throws IOException {
        Cdr cdr = onlyCdr("voicemail");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(cdr.getIvr()).isTrue();
        assertThat(cdr.getAnswerTime()).isNull();
    }

    @Test
    void busy_isBusyWithCause17() throws IOException {
        Cdr cdr = onlyCdr("busy");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.BUSY);
        assertThat(cdr.getReleaseCause()).isEqualTo(17);
    }

    @Test
    void congestion_isBusyWithCause34() throws IOException {
        Cdr cdr = onlyCdr("congestion");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.BUSY);
        assertThat(cdr.getReleaseCause()).isEqualTo(34);
    }

    @Test
    void ringNoAnswer_isNoAnswerWithCause19() throws IOException {
        Cdr cdr = onlyCdr("ring-no-answer");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(cdr.getReleaseCause()).isEqualTo(19);
    }

    @Test
    void transfer_twoLegsMakeOneCall_answeredByTheFirstAgent() throws IOException {
        Cdr cdr = onlyCdr("transfer");
        assertThat(cdr.getCallId()).isEqualTo("asterisk:1791772200.14");
        assertThat(cdr.getLine()).isEqualTo("037167890001");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getAnswerTime()).isEqualTo(local("2026-10-12T10:30:05"));
        assertThat(cdr.getEndTime()).isEqualTo(local("2026-10-12T10:36:00"));
        assertThat(cdr.getAgentId()).isEqualTo("SIP/1001");
    }

    @Test
    void withoutQueueLog_aQueueLegBridgedToAnAgentIsAnswered_aQueueLegWithoutOneIsAbandoned() throws IOException {
        Path d = caseDir("answered-via-queue");
        List<InputRecord> answered = readAll(d.resolve("Master.csv"), null);
        assertThat(answered.get(0).cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(answered.get(0).cdr.getAnswerTime()).isEqualTo(local("2026-10-12T09:00:01"));
        Path h = caseDir("caller-hung-up-in-queue");
        assertThat(readAll(h.resolve("Master.csv"), null).get(0).cdr.getOutcome()).isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void aRecordWrittenTwiceCountsOnce() throws IOException {
        String row = java.nio.file.Files.readString(caseDir("busy").resolve("Master.csv"));
        Path master = write(dir, "Master.csv", row + row);
        try (AsteriskCsvReader reader = new AsteriskCsvReader(master, KEY,
                new org.hotlinepulse.cdr.CdrInputOptions("pbx-east", AsteriskTestFiles.SHANGHAI, List.of(), null))) {
            List<InputRecord> records = AsteriskTestFiles.drain(reader);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).cdr.getCallId()).isEqualTo("pbx-east:1791769800.8");
            assertThat(records.get(0).cdr.getSource()).isEqualTo("pbx-east");
            assertThat(reader.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void badRowsAreRejectedWithLineColumnAndReason_andTheRestGoesOn() throws IOException {
        String good = java.nio.file.Files.readString(caseDir("busy").resolve("Master.csv"));
        Path master = write(dir, "Master.csv", String.join("", List.of(
                good,
                good.replace("2026-10-12 09:50:00", "2026-10-12 25:50:00"),
                good.replace("\"BUSY\"", "\"HUNG UP\""),
                "\"a\",\"b\"\n",
                good.replace("037167890003", "hotline-1").replace("1791769800.8", "1791769800.99"),
                good.substring(0, 40) + "\n")));
        List<InputRecord> records = readAll(master, null);
        assertThat(records).extracting(r -> r.position + " " + r.rejectReason).containsExactly(
                "2 column 10 (start) \"2026-10-12 25:50:00\" is not a time (yyyy-MM-dd HH:mm:ss)",
                "3 column 15 (disposition) \"HUNG UP\" is not one of ANSWERED, NO ANSWER, BUSY, FAILED,"
                        + " CONGESTION, CANCEL",
                "4 the record has 2 columns; Asterisk cdr_csv writes 16 to 21 (accountcode … amaflags, then"
                        + " uniqueid, userfield, peeraccount, linkedid, sequence)",
                "6 not a CSV record: a quoted field is not closed (truncated record?) at character 41",
                "1 null",
                "5 field line \"hotline-1\" is not a telephone number (1 to 32 characters: digits, with an optional leading +)");
        assertThat(records.get(0).rawRecord).contains("\"src_hash\":\"" + KEY.pseudonymise("13800006666"))
                .doesNotContain("13800006666").doesNotContain("Zhou");
    }

    @Test
    void queueLogLinesThatAreBrokenAreRejected_andEventsWithoutACdrAreReported() throws IOException {
        Path d = caseDir("caller-hung-up-in-queue");
        Path queueLog = write(dir, "queue_log", java.nio.file.Files.readString(d.resolve("queue_log"))
                + "17917674xx|1791767400.4|support|NONE|ABANDON|1|1|110\n"
                + "1791767450|13800002222|support|NONE|ABANDON|1|1|110\n"
                + "1791767460|1791767460.9|support|NONE|ENTERQUEUE||13800002222|1\n"
                + "1791767460|NONE|support|SIP/1001|ADDMEMBER|\n");
        List<InputRecord> records = readAll(d.resolve("Master.csv"), queueLog);
        assertThat(records).extracting(r -> r.origin + ":" + r.position + " " + r.rejectReason).containsExactly(
                "queue_log:3 field 1 (epoch) \"***xx\" is not a whole number of epoch seconds",
                "queue_log:4 field 2 (uniqueid) \"***\" is not an Asterisk uniqueid (epoch.sequence)",
                "Master.csv:1 null",
                "queue_log:5 queue_log events of uniqueid 1791767460.9 (ENTERQUEUE) match no record of Master.csv:"
                        + " the call has no CDR");
        assertThat(records.get(2).cdr.getOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(String.valueOf(records)).doesNotContain("13800002222");
    }

    @Test
    void recordsOfOtherContextsAreSkippedUnread_soACallbacksNumberGoesNowhere() throws IOException {
        String inbound = java.nio.file.Files.readString(caseDir("busy").resolve("Master.csv"));
        String callback = inbound.replace("\"037167890003\",\"hotline\"", "\"13912345678\",\"agents-out\"")
                .replace("1791769800.8", "1791769900.9");
        Path master = write(dir, "Master.csv", inbound + callback);
        try (AsteriskCsvReader reader = new AsteriskCsvReader(master, KEY, new org.hotlinepulse.cdr.CdrInputOptions(
                null, AsteriskTestFiles.SHANGHAI, List.of(), null, null, List.of("hotline")))) {
            List<InputRecord> records = AsteriskTestFiles.drain(reader);
            assertThat(records).singleElement().satisfies(r -> assertThat(r.cdr.getLine()).isEqualTo("037167890003"));
            assertThat(reader.otherContexts()).isEqualTo(1);
            assertThat(records.toString()).doesNotContain("13912345678");
        }
    }
}
