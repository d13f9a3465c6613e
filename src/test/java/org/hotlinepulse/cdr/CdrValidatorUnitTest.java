package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.CdrFixtures.T0;

import java.time.Duration;
import java.time.Instant;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CdrValidatorUnitTest {

    private static final Instant END = T0.plusSeconds(30);

    private static CdrFixtures.Builder call() {
        return CdrFixtures.cdr().start(T0).endTime(END);
    }

    private static String validate(CdrFixtures.Builder b) {
        return CdrValidator.validate(b.buildUnchecked());
    }

    @Test
    void aValidCdrGetsItsDerivedOutcome() {
        Cdr cdr = call().releaseCause(17).buildUnchecked();
        assertThat(CdrValidator.validate(cdr)).isNull();
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.BUSY);
    }

    @Test
    void aGivenOutcomeIsKept() {
        Cdr cdr = call().releaseCause(16).releasedBy(ReleasedBy.CALLER).outcome(Outcome.NO_ANSWER).buildUnchecked();
        assertThat(CdrValidator.validate(cdr)).isNull();
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
    }

    @Test
    void anInvalidCdrIsLeftUnchanged() {
        Cdr cdr = call().satisfaction(9).buildUnchecked();
        assertThat(CdrValidator.validate(cdr)).isNotNull();
        assertThat(cdr.getOutcome()).isNull();
    }

    @Test
    void requiredStrings() {
        assertThat(validate(call().callId(null))).isEqualTo("missing required field call_id");
        assertThat(validate(call().callId(""))).isEqualTo("field call_id is empty");
        assertThat(validate(call().callId("  "))).isEqualTo("field call_id is empty");
        assertThat(validate(call().line(null))).isEqualTo("missing required field line");
        assertThat(validate(call().line(""))).isEqualTo("field line is empty");
        assertThat(validate(call().callId("x").line("1"))).isNull();
    }

    @Test
    void lineIsATelephoneNumber() {
        assertThat(validate(call().line("+8637167890001"))).isNull();
        assertThat(validate(call().line("1".repeat(32)))).isNull();
        assertThat(validate(call().line("1".repeat(33)))).isEqualTo("field line \"" + "1".repeat(33)
                + "\" is not a telephone number (1 to 32 characters: digits, with an optional leading +)");
        for (String bad : new String[] {"+", "0371-6789", "tel:12345", "12345 ", "１２３４５"}) {
            assertThat(validate(call().line(bad))).as(bad).contains("is not a telephone number");
        }
        // A 350 KB line once became a 1 MB alert; a reason quotes only the start of a long value.
        String huge = "9".repeat(350_000);
        assertThat(validate(call().line(huge))).hasSizeLessThan(200).contains("(350000 characters)");
    }

    @Test
    void idsHaveABoundedLength() {
        String ok = "x".repeat(128);
        assertThat(validate(call().callId(ok).source(ok).agentId(ok))).isNull();
        assertThat(validate(call().callId(ok + "x"))).startsWith("field call_id \"xxxx")
                .endsWith("(129 characters) is longer than 128 characters");
        assertThat(validate(call().source(ok + "x"))).startsWith("field source ");
        assertThat(validate(call().agentId(ok + "x"))).startsWith("field agent_id ");
    }

    @Test
    void callerHashIsAPseudonymOrTheRecordIsRejectedWithoutQuotingIt() {
        assertThat(validate(call().callerHash("0123456789abcdef".repeat(4)))).isNull();
        for (String raw : new String[] {"13800001234", "tel:13800001234", "+86 138 0000 1234 (mobile)",
                "0123456789ABCDEF".repeat(4), "0123456789abcdef".repeat(4) + "0", "probe"}) {
            String reason = validate(call().callerHash(raw));
            assertThat(reason).as(raw).startsWith("field caller_hash is not a pseudonym")
                    .doesNotContain(raw).doesNotContain("1234");
        }
    }

    @Test
    void requiredTimes() {
        assertThat(validate(call().start((Instant) null))).isEqualTo("missing required field start_time");
        assertThat(validate(call().endTime(null))).isEqualTo("missing required field end_time");
    }

    @Test
    void timesThatNoWorkingPbxWritesAreRefused() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        Instant fiveMinutesAhead = now.plus(Duration.ofMinutes(5));
        assertThat(CdrValidator.validate(call().start(fiveMinutesAhead).endTime(fiveMinutesAhead).buildUnchecked(), now))
                .isNull();
        Instant localWrittenAsUtc = now.plus(Duration.ofHours(8));
        assertThat(CdrValidator.validate(call().start(localWrittenAsUtc).endTime(localWrittenAsUtc.plusSeconds(30))
                        .buildUnchecked(), now))
                .isEqualTo("field start_time 2026-12-02T18:00:00Z is more than 5 minutes ahead of this machine's"
                        + " clock (2026-12-02T10:00:00Z): is the PBX's clock or time zone wrong?");
        Instant microsAsMillis = Instant.ofEpochMilli(T0.toEpochMilli() * 1000);
        assertThat(CdrValidator.validate(call().start(microsAsMillis).endTime(microsAsMillis).buildUnchecked(), now))
                .startsWith("field start_time +58748-").contains("ahead of this machine's clock");
        assertThat(validate(call().start(Instant.parse("1999-12-31T23:59:59Z")).endTime(T0)))
                .isEqualTo("field start_time 1999-12-31T23:59:59Z is before 2000-01-01T00:00:00Z");
        assertThat(validate(call().endTime(T0.plus(Duration.ofHours(24)).plusMillis(1))))
                .isEqualTo("field end_time 2026-10-13T01:00:00.001Z is more than 24 hours after start_time"
                        + " 2026-10-12T01:00:00Z");
        assertThat(validate(call().endTime(T0.plus(Duration.ofHours(24))))).isNull();
        assertThat(validate(call().start(Instant.parse("9999-12-31T00:00:00Z"))
                .endTime(Instant.parse("9999-12-31T00:01:00Z")))).contains("ahead of this machine's clock");
        assertThat(validate(call().start(Instant.parse("0001-01-01T00:00:00Z"))
                .endTime(Instant.parse("0001-01-01T00:01:00Z")))).contains("is before 2000-01-01");
        Instant nearLongMax = Instant.ofEpochMilli(Long.MAX_VALUE - 1);
        assertThat(validate(call().start(nearLongMax).endTime(nearLongMax))).contains("ahead of this machine's clock");
    }

    @Test
    void endTimeBeforeStartTime() {
        assertThat(validate(call().endTime(T0.minusMillis(1))))
                .isEqualTo("field end_time 2026-10-12T00:59:59.999Z is before start_time 2026-10-12T01:00:00Z");
        assertThat(validate(call().endTime(T0))).isNull();
    }

    @Test
    void answerTimeWithinStartAndEnd() {
        assertThat(validate(call().answerTime(T0))).isNull();
        assertThat(validate(call().answerTime(END))).isNull();
        assertThat(validate(call().answerTime(T0.minusMillis(1))))
                .isEqualTo("field answer_time 2026-10-12T00:59:59.999Z is before start_time 2026-10-12T01:00:00Z");
        assertThat(validate(call().answerTime(END.plusMillis(1))))
                .isEqualTo("field answer_time 2026-10-12T01:00:30.001Z is after end_time 2026-10-12T01:00:30Z");
    }

    @Test
    void queueTimeWithinStartAndEndAndNotAfterAnswer() {
        assertThat(validate(call().queueTime(T0))).isNull();
        assertThat(validate(call().queueTime(END))).isNull();
        assertThat(validate(call().queueTime(T0.plusSeconds(5)).answerTime(T0.plusSeconds(5)))).isNull();
        assertThat(validate(call().queueTime(T0.minusMillis(1))))
                .isEqualTo("field queue_time 2026-10-12T00:59:59.999Z is before start_time 2026-10-12T01:00:00Z");
        assertThat(validate(call().queueTime(END.plusMillis(1))))
                .isEqualTo("field queue_time 2026-10-12T01:00:30.001Z is after end_time 2026-10-12T01:00:30Z");
        assertThat(validate(call().queueTime(T0.plusSeconds(6)).answerTime(T0.plusSeconds(5))))
                .isEqualTo("field queue_time 2026-10-12T01:00:06Z is after answer_time 2026-10-12T01:00:05Z");
    }

    @Test
    void outcomeMustAgreeWithAnswerTime() {
        assertThat(validate(call().outcome(Outcome.ANSWERED)))
                .isEqualTo("field outcome ANSWERED contradicts answer_time: a person answered but answer_time is missing");
        assertThat(validate(call().outcome(Outcome.ANSWERED).answerAfter(Duration.ofSeconds(3)))).isNull();
        for (Outcome other : new Outcome[] {Outcome.ABANDONED, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.FAILED}) {
            assertThat(validate(call().outcome(other).answerAfter(Duration.ofSeconds(3))))
                    .isEqualTo("field outcome " + other + " contradicts answer_time 2026-10-12T01:00:03Z:"
                            + " only ANSWERED calls have an answer_time");
            assertThat(validate(call().outcome(other))).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 127})
    void releaseCauseInRange(int cause) {
        assertThat(validate(call().releaseCause(cause))).isNull();
    }

    @Test
    void releaseCauseOutOfRange() {
        assertThat(validate(call().releaseCause(-1))).isEqualTo("field release_cause -1 is not between 0 and 127");
        assertThat(validate(call().releaseCause(128))).isEqualTo("field release_cause 128 is not between 0 and 127");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void satisfactionInRange(int score) {
        assertThat(validate(call().satisfaction(score))).isNull();
    }

    @Test
    void satisfactionOutOfRange() {
        assertThat(validate(call().satisfaction(0))).isEqualTo("field satisfaction 0 is not between 1 and 5");
        assertThat(validate(call().satisfaction(6))).isEqualTo("field satisfaction 6 is not between 1 and 5");
    }

    @Test
    void theFirstFailingRuleIsReported() {
        assertThat(validate(call().callId("").line("").satisfaction(0))).isEqualTo("field call_id is empty");
        assertThat(validate(call().endTime(T0.minusSeconds(1)).satisfaction(0))).startsWith("field end_time");
    }

    @Test
    void fixturesBuildValidCdrs() {
        assertThat(CdrFixtures.answered(CdrFixtures.LINE, T0, Duration.ofSeconds(8), Duration.ofMinutes(3))
                .getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(CdrFixtures.abandoned(CdrFixtures.LINE, T0, Duration.ofSeconds(8)).getOutcome())
                .isEqualTo(Outcome.ABANDONED);
        assertThat(CdrFixtures.noAnswer(CdrFixtures.LINE, T0, Duration.ofSeconds(60)).getOutcome())
                .isEqualTo(Outcome.NO_ANSWER);
        assertThat(CdrFixtures.busy(CdrFixtures.LINE, T0).getOutcome()).isEqualTo(Outcome.BUSY);
        assertThat(CdrFixtures.failed(CdrFixtures.LINE, T0).getOutcome()).isEqualTo(Outcome.FAILED);
    }
}
