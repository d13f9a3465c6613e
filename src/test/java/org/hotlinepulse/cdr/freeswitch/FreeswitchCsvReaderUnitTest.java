package org.hotlinepulse.cdr.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.PSEUDONYMISER;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.csvRow;
import static org.hotlinepulse.cdr.freeswitch.FreeswitchTesting.readCsv;

import java.time.Instant;
import java.util.List;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;

class FreeswitchCsvReaderUnitTest {

    private static final String CALLER = "13800138000";
    private static final String LINE = "037167890001";
    private static final String UUID = "3da8bf84-c133-4959-9e24-e72875cb33a1";

    private static Cdr only(String row) {
        List<InputRecord> records = readCsv(row + "\n");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).rejectReason).isNull();
        return records.get(0).cdr;
    }

    @Test
    void aCallBridgedToAnAgentIsAnsweredByAPerson() {
        Cdr cdr = only(csvRow("Zhang San", CALLER, LINE, "2026-10-12 09:03:11", "2026-10-12 09:03:19",
                "2026-10-12 09:05:00", "NORMAL_CLEARING", UUID, "f52c26f1-b018-4963-bf6d-a3111d1a0320"));
        assertThat(cdr.getCallId()).isEqualTo("fs:" + UUID);
        assertThat(cdr.getLine()).isEqualTo(LINE);
        assertThat(cdr.getSource()).isEqualTo("freeswitch");
        assertThat(cdr.getCallerHash()).isEqualTo(PSEUDONYMISER.pseudonymise(CALLER));
        assertThat(cdr.getStartTime()).isEqualTo(Instant.parse("2026-10-12T01:03:11Z"));
        assertThat(cdr.getAnswerTime()).isEqualTo(Instant.parse("2026-10-12T01:03:19Z"));
        assertThat(cdr.getEndTime()).isEqualTo(Instant.parse("2026-10-12T01:05:00Z"));
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getReleaseCause()).isEqualTo(16);
        assertThat(cdr.getIvr()).isFalse();
    }

    @Test
    void aCallAnsweredOnlyByTheVoiceMenuIsNotAnswered() {
        Cdr cdr = only(csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "2026-10-12 09:03:12",
                "2026-10-12 09:04:00", "NORMAL_CLEARING", UUID, ""));
        assertThat(cdr.getAnswerTime()).isNull();
        assertThat(cdr.getIvr()).isTrue();
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void aCallerHangingUpWhileItRingsAbandons() {
        Cdr cdr = only(csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:30",
                "ORIGINATOR_CANCEL", UUID, ""));
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(cdr.getReleasedBy()).isEqualTo(ReleasedBy.CALLER);
        assertThat(cdr.getReleaseCause()).isNull();
        assertThat(cdr.getIvr()).isFalse();
    }

    @Test
    void busyVacantAndNoAnswerMapTheirCauseNames() {
        Cdr busy = only(csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:12",
                "USER_BUSY", UUID, ""));
        assertThat(busy.getOutcome()).isEqualTo(Outcome.BUSY);
        assertThat(busy.getReleaseCause()).isEqualTo(17);
        Cdr vacant = only(csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:12",
                "UNALLOCATED_NUMBER", UUID, ""));
        assertThat(vacant.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(vacant.getReleaseCause()).isEqualTo(1);
        Cdr noAnswer = only(csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:41",
                "NO_ANSWER", UUID, ""));
        assertThat(noAnswer.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(noAnswer.getReleaseCause()).isEqualTo(19);
        Cdr gatewayDown = only(csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:12",
                "GATEWAY_DOWN", UUID, ""));
        assertThat(gatewayDown.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(gatewayDown.getReleaseCause()).isNull();
    }

    @Test
    void aTransferredCallIsOneRecordOfItsALeg() {
        // With legs="a" (the default) a transfer keeps the A-leg's uuid: the B-legs are not written.
        String row = csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "2026-10-12 09:03:15", "2026-10-12 09:09:00",
                "NORMAL_CLEARING", UUID, "b2222222-0000-4000-8000-000000000002");
        Cdr cdr = only(row);
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getAnswerTime()).isEqualTo(Instant.parse("2026-10-12T01:03:15Z"));
    }

    @Test
    void badRowsAreRejectedWithLineColumnAndReason() {
        String good = csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:12", "USER_BUSY",
                UUID, "");
        String text = String.join("\n",
                good,
                csvRow("", CALLER, LINE, "2026-10-12 25:03:11", "", "2026-10-12 09:03:12", "USER_BUSY", UUID, ""),
                csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:12", "HUNG_UP", UUID, ""),
                csvRow("", CALLER, "0371-6789", "2026-10-12 09:03:11", "", "2026-10-12 09:03:12", "USER_BUSY",
                        UUID, ""),
                "\"" + CALLER + "\",\"" + LINE + "\"",
                "\"unterminated," + CALLER,
                "",
                csvRow("", CALLER, LINE, "2026-10-12 09:03:11", "", "2026-10-12 09:03:12", "USER_BUSY", "", ""))
                + "\n";
        List<InputRecord> records = readCsv(text);
        assertThat(records).extracting(r -> r.position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
        assertThat(records.get(0).isRejected()).isFalse();
        assertThat(records.get(1).rejectReason).isEqualTo("column 5: field start_stamp \"2026-10-12 25:03:11\""
                + " is not a time (yyyy-MM-dd HH:mm:ss, local time of the PBX)");
        assertThat(records.get(2).rejectReason).startsWith("column 10: field hangup_cause \"HUNG_UP\" is not a");
        assertThat(records.get(3).rejectReason).startsWith("field line \"0371-6789\" is not a telephone number");
        assertThat(records.get(4).rejectReason).startsWith("row has 2 fields; the FreeSWITCH template \"example\""
                + " writes 15");
        assertThat(records.get(5).rejectReason).startsWith("not a CSV row: ");
        assertThat(records.get(6).rejectReason).isEqualTo("column 11: missing required field uuid");
        for (InputRecord r : records) {
            assertThat(String.valueOf(r.rejectReason) + r.rawRecord).doesNotContain(CALLER);
        }
        assertThat(records.get(1).rawRecord).contains("\"caller_hash\":\"" + PSEUDONYMISER.pseudonymise(CALLER))
                .contains("\"start_stamp\":\"2026-10-12 25:03:11\"").doesNotContain("caller_id_name");
    }
}
