package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineMinuteCounterHarnessTest {
    static final String LINE = "037167890001";
    static final Instant T0 = Instant.parse("2026-10-12T01:00:00Z");
    static final long MINUTE = 60_000;
    static final Duration LATENESS = Duration.ofHours(4);

    private KeyedOneInputStreamOperatorTestHarness<String, InputRecord, MinuteCounts> harness;
    private long position;

    @BeforeEach
    void setUp() throws Exception {
        Directory directory = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
        LineMinuteCounter counter = new LineMinuteCounter(directory, MetricSettings.DEFAULTS,
                LATENESS, Duration.ofHours(24));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(counter),
                r -> r.cdr.getLine(), Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String callId, String line, Instant start, Outcome outcome, boolean probe)
            throws Exception {
        Cdr.Builder cdr = Cdr.newBuilder().setCallId(callId).setLine(line).setStartTime(start)
                .setEndTime(start.plusSeconds(90)).setOutcome(outcome).setProbe(probe);
        if (outcome == Outcome.ANSWERED) {
            cdr.setAnswerTime(start.plusSeconds(10));
        }
        InputRecord record = new InputRecord();
        record.origin = "test.jsonl";
        record.position = ++position;
        record.cdr = cdr.build();
        harness.processElement(record, start.toEpochMilli());
    }

    private void send(String callId, Instant start, Outcome outcome) throws Exception {
        send(callId, LINE, start, outcome, false);
    }

    private List<MinuteCounts> emitted() {
        List<MinuteCounts> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    @Test
    void aMinuteIsSentOnceWhenTheWatermarkPassesItsEnd() throws Exception {
        send("a", T0.plusSeconds(5), Outcome.ANSWERED);
        send("b", T0.plusSeconds(50), Outcome.BUSY);
        send("c", T0.plusSeconds(70), Outcome.FAILED);
        harness.processWatermark(T0.toEpochMilli() + MINUTE - 2);
        assertThat(emitted()).isEmpty();

        harness.processWatermark(T0.toEpochMilli() + MINUTE - 1);
        List<MinuteCounts> out = emitted();
        assertThat(out).hasSize(1);
        MinuteCounts first = out.get(0);
        assertThat(first.line).isEqualTo(LINE);
        assertThat(first.department).isEqualTo("zz-social-security");
        assertThat(first.minuteStart).isEqualTo(T0.toEpochMilli());
        assertThat(first.counts.attempts).isEqualTo(2);
        assertThat(first.counts.answered).isEqualTo(1);
        assertThat(first.counts.busy).isEqualTo(1);

        harness.processWatermark(T0.toEpochMilli() + 2 * MINUTE - 1);
        assertThat(emitted()).singleElement()
                .satisfies(m -> assertThat(m.counts.failed).isEqualTo(1));
    }

    @Test
    void aLateCdrWithinAllowedLatenessTravelsOnAsADeltaAtOnce() throws Exception {
        send("a", T0.plusSeconds(5), Outcome.ANSWERED);
        harness.processWatermark(T0.toEpochMilli() + 30 * MINUTE);
        assertThat(emitted()).hasSize(1);

        send("late", T0.plusSeconds(20), Outcome.ABANDONED);
        List<MinuteCounts> out = emitted();
        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.minuteStart).isEqualTo(T0.toEpochMilli());
            assertThat(m.counts.attempts).as("only the late CDR").isEqualTo(1);
            assertThat(m.counts.abandoned).isEqualTo(1);
        });
        assertThat(harness.getSideOutput(LineMinuteCounter.LATE)).isNullOrEmpty();
    }

    @Test
    void aCdrPastAllowedLatenessGoesToTheLateOutputAndIsNotCounted() throws Exception {
        long lastMsOfMinute = T0.toEpochMilli() + MINUTE - 1;
        harness.processWatermark(lastMsOfMinute + LATENESS.toMillis() - 1);
        send("just-in-time", T0.plusSeconds(1), Outcome.ANSWERED);
        assertThat(emitted()).hasSize(1);

        harness.processWatermark(lastMsOfMinute + LATENESS.toMillis());
        send("too-late", T0.plusSeconds(2), Outcome.ANSWERED);
        assertThat(emitted()).isEmpty();
        List<DeadLetter> late = harness.getSideOutput(LineMinuteCounter.LATE).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(late).singleElement().satisfies(d -> {
            assertThat(d.source).isEqualTo("test.jsonl");
            assertThat(d.lineNo).isEqualTo(2);
            assertThat(d.reason).contains("past allowed lateness");
        });
    }

    @Test
    void repeatsOfACallIdCountOnceProbesAndUnknownLinesNotAtAll() throws Exception {
        send("dup", T0.plusSeconds(5), Outcome.ANSWERED);
        send("dup", T0.plusSeconds(5), Outcome.ANSWERED);
        send("dup", T0.plusSeconds(6), Outcome.BUSY);
        send("probe", LINE, T0.plusSeconds(7), Outcome.FAILED, true);
        send("stranger", "099999999999", T0.plusSeconds(8), Outcome.ANSWERED, false);
        harness.processWatermark(T0.toEpochMilli() + MINUTE - 1);
        assertThat(emitted()).singleElement().satisfies(m -> {
            assertThat(m.counts.attempts).isEqualTo(1);
            assertThat(m.counts.answered).isEqualTo(1);
        });
    }

    @Test
    void aCallIdIsForgottenAfterTheDuplicateHorizon() throws Exception {
        send("x", T0, Outcome.ANSWERED);
        harness.processWatermark(T0.toEpochMilli() + Duration.ofHours(30).toMillis());
        assertThat(emitted()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).as("minute and call id both dropped").isZero();

        Instant nextDay = T0.plus(Duration.ofHours(30)).plusSeconds(30);
        send("x", nextDay, Outcome.ANSWERED);
        harness.processWatermark(nextDay.toEpochMilli() + MINUTE);
        assertThat(emitted()).singleElement()
                .satisfies(m -> assertThat(m.counts.attempts).isEqualTo(1));
    }
}
