package org.hotlinepulse.job;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hotlinepulse.alerts.AlertThresholds;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.lines.LineWindowsAndHealth;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.metrics.MetricSettings;
import org.hotlinepulse.metrics.MinuteCounts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The windows half of the per-line operator ({@link LineWindows} in {@link LineWindowsAndHealth}). */
class LineWindowsHarnessTest {
    static final String LINE = "037167890001";
    static final long T0 = Instant.parse("2026-10-12T01:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    static final Duration LATENESS = Duration.ofHours(4);

    private KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> harness;
    private long position;

    @BeforeEach
    void setUp() throws Exception {
        Directory directory = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
        harness = LineOperatorHarness.open(function(directory), directory);
    }

    private static LineWindowsAndHealth function(Directory directory) {
        return new LineWindowsAndHealth(directory,
                new LineWindows(MetricSettings.DEFAULTS, List.of(1, 15), LATENESS, Duration.ofHours(24)),
                new LineHealthDetector(AlertThresholds.defaults(), Duration.ZERO));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String callId, String line, long start, Outcome outcome, boolean probe)
            throws Exception {
        Instant at = Instant.ofEpochMilli(start);
        Cdr.Builder cdr = Cdr.newBuilder().setCallId(callId).setLine(line).setStartTime(at)
                .setEndTime(at.plusSeconds(90)).setOutcome(outcome).setProbe(probe);
        if (outcome == Outcome.ANSWERED) {
            cdr.setAnswerTime(at.plusSeconds(10));
        }
        InputRecord record = new InputRecord();
        record.origin = "test.jsonl";
        record.position = ++position;
        record.cdr = cdr.build();
        harness.processElement(record, start);
    }

    private void send(String callId, long start, Outcome outcome) throws Exception {
        send(callId, LINE, start, outcome, false);
    }

    private List<WindowMetrics> rows() {
        List<WindowMetrics> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    private List<MinuteCounts> departmentDeltas() {
        var queue = harness.getSideOutput(LineWindowsAndHealth.DEPARTMENT_DELTAS);
        if (queue == null) {
            return List.of();
        }
        List<MinuteCounts> deltas = queue.stream().map(StreamRecord::getValue).toList();
        queue.clear();
        return deltas;
    }

    @Test
    void eachWindowsRowGoesOutOnceWhenTheWatermarkPassesItsEnd() throws Exception {
        send("a", T0 + 5_000, Outcome.ANSWERED);
        send("b", T0 + 50_000, Outcome.BUSY);
        send("c", T0 + 14 * MINUTE + 10_000, Outcome.FAILED);
        harness.processWatermark(T0 + MINUTE - 2);
        assertThat(rows()).isEmpty();

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.scope).isEqualTo(Scope.line);
            assertThat(row.key).isEqualTo(LINE);
            assertThat(row.department).isEqualTo("zz-social-security");
            assertThat(row.windowStart).isEqualTo(T0);
            assertThat(row.windowMinutes).isEqualTo(1);
            assertThat(row.counts.attempts).isEqualTo(2);
            assertThat(row.counts.answered).isEqualTo(1);
            assertThat(row.counts.busy).isEqualTo(1);
        });
        assertThat(departmentDeltas()).singleElement().satisfies(delta -> {
            assertThat(delta.department).isEqualTo("zz-social-security");
            assertThat(delta.minuteStart).isEqualTo(T0);
            assertThat(delta.counts.attempts).isEqualTo(2);
        });

        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(rows()).extracting(r -> r.windowStart, r -> r.windowMinutes, r -> r.counts.attempts)
                .containsExactlyInAnyOrder(tuple(T0 + 14 * MINUTE, 1, 1L), tuple(T0, 15, 3L));
        harness.processWatermark(T0 + 20 * MINUTE);
        assertThat(rows()).isEmpty();
    }

    @Test
    void aWatermarkJumpingToTheEndClosesEveryWindowExactlyOnce() throws Exception {
        for (int m = 0; m < 30; m++) {
            send("call-" + m, T0 + m * MINUTE + 1_000, Outcome.ANSWERED);
        }
        // Five hours on: the cleanup of the first minutes falls due before this minute closes.
        send("later", T0 + 300 * MINUTE + 1_000, Outcome.BUSY);
        harness.processWatermark(Long.MAX_VALUE);
        List<WindowMetrics> rows = rows();
        assertThat(rows).filteredOn(r -> r.windowStart == T0 + 300 * MINUTE).hasSize(2);
        assertThat(rows).filteredOn(r -> r.windowMinutes == 1 && r.windowStart < T0 + 300 * MINUTE)
                .hasSize(30)
                .allSatisfy(r -> assertThat(r.counts.attempts).isEqualTo(1));
        assertThat(rows).filteredOn(r -> r.windowMinutes == 15)
                .extracting(r -> r.windowStart, r -> r.counts.attempts)
                .contains(tuple(T0, 15L), tuple(T0 + 15 * MINUTE, 15L));
        assertThat(departmentDeltas()).hasSize(31);
    }

    @Test
    void aLateCdrWithinAllowedLatenessCorrectsEveryClosedWindowAtOnce() throws Exception {
        send("a", T0 + 5_000, Outcome.ANSWERED);
        harness.processWatermark(T0 + 30 * MINUTE);
        assertThat(rows()).hasSize(2);
        departmentDeltas();

        send("late", T0 + 20_000, Outcome.ABANDONED);
        assertThat(rows())
                .extracting(r -> r.windowMinutes, r -> r.counts.attempts, r -> r.counts.abandoned)
                .containsExactlyInAnyOrder(tuple(1, 2L, 1L), tuple(15, 2L, 1L));
        assertThat(departmentDeltas()).singleElement().satisfies(delta -> {
            assertThat(delta.minuteStart).isEqualTo(T0);
            assertThat(delta.counts.attempts).as("only the late CDR").isEqualTo(1);
        });
        assertThat(harness.getSideOutput(LineWindowsAndHealth.LATE)).isNullOrEmpty();
    }

    @Test
    void aLateCdrForAnOpenLargerWindowWaitsForItsEnd() throws Exception {
        send("a", T0 + 5_000, Outcome.ANSWERED);
        harness.processWatermark(T0 + 5 * MINUTE);
        assertThat(rows()).hasSize(1);

        send("late", T0 + MINUTE + 5_000, Outcome.BUSY);
        assertThat(rows()).as("its minute is past, its quarter hour is not")
                .extracting(r -> r.windowMinutes, r -> r.counts.attempts)
                .containsExactly(tuple(1, 1L));
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(rows()).extracting(r -> r.windowMinutes, r -> r.counts.attempts)
                .containsExactly(tuple(15, 2L));
    }

    @Test
    void aCdrPastAllowedLatenessGoesToTheLateOutputAndIsNotCounted() throws Exception {
        long lastMsOfMinute = T0 + MINUTE - 1;
        harness.processWatermark(lastMsOfMinute + LATENESS.toMillis() - 1);
        send("just-in-time", T0 + 1_000, Outcome.ANSWERED);
        assertThat(rows()).hasSize(2);

        harness.processWatermark(lastMsOfMinute + LATENESS.toMillis());
        send("too-late", T0 + 2_000, Outcome.ANSWERED);
        assertThat(rows()).isEmpty();
        List<DeadLetter> late = harness.getSideOutput(LineWindowsAndHealth.LATE).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(late).singleElement().satisfies(d -> {
            assertThat(d.source).isEqualTo("test.jsonl");
            assertThat(d.lineNo).isEqualTo(2);
            assertThat(d.reason).contains("past allowed lateness");
            assertThat(d.record).contains("\"call_id\":\"too-late\"");
        });
    }

    @Test
    void repeatsOfACallIdCountOnceProbesOnlyAsProbesAndUnknownLinesNotAtAll() throws Exception {
        send("dup", T0 + 5_000, Outcome.ANSWERED);
        send("dup", T0 + 5_000, Outcome.ANSWERED);
        send("dup", T0 + 6_000, Outcome.BUSY);
        send("probe", LINE, T0 + 7_000, Outcome.FAILED, true);
        send("stranger", "099999999999", T0 + 8_000, Outcome.ANSWERED, false);
        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(rows()).singleElement().satisfies(m -> {
            assertThat(m.counts.attempts).isEqualTo(1);
            assertThat(m.counts.answered).isEqualTo(1);
            assertThat(m.counts.failed).as("the failed probe is no §4 count").isZero();
            assertThat(m.counts.probeAttempts).isEqualTo(1);
            assertThat(m.counts.probeConnected).isZero();
        });
        assertThat(harness.getSideOutput(LineWindowsAndHealth.CALLS))
                .as("every CDR but the repeats goes on to the feed-health detector")
                .extracting(r -> r.getValue().line, r -> r.getValue().call.startTime(), r -> r.getValue().call.probe())
                .containsExactly(tuple(LINE, T0 + 5_000, false), tuple(LINE, T0 + 7_000, true),
                        tuple("099999999999", T0 + 8_000, false));
    }

    @Test
    void probeCountsRideOnTheRowsOfWindowsWithCallsAndProbesAloneMakeNoRow() throws Exception {
        send("probe-1", LINE, T0 + 1_000, Outcome.ANSWERED, true);
        send("probe-2", LINE, T0 + 2_000, Outcome.BUSY, true);
        send("call", T0 + 3 * MINUTE, Outcome.BUSY);
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        List<WindowMetrics> out = rows();
        assertThat(out).as("minute 0 had probes only: no row; minute 3 and the quarter have rows")
                .extracting(m -> m.windowMinutes, m -> m.windowStart, m -> m.counts.attempts,
                        m -> m.counts.connected, m -> m.counts.probeAttempts, m -> m.counts.probeConnected)
                .containsExactly(tuple(1, T0 + 3 * MINUTE, 1L, 0L, 0L, 0L),
                        tuple(15, T0, 1L, 0L, 2L, 1L));
        assertThat(harness.getSideOutput(LineWindowsAndHealth.DEPARTMENT_DELTAS))
                .as("the department gets the probe-only minute too")
                .extracting(r -> r.getValue().minuteStart, r -> r.getValue().counts.probeConnected)
                .containsExactly(tuple(T0, 1L), tuple(T0 + 3 * MINUTE, 0L));

        // A late call gives the probe-only minute a row, with its probes; a late probe corrects the quarter.
        send("late-call", T0 + 4_000, Outcome.FAILED);
        send("late-probe", LINE, T0 + 5 * MINUTE, Outcome.NO_ANSWER, true);
        assertThat(rows())
                .extracting(m -> m.windowMinutes, m -> m.windowStart, m -> m.counts.attempts,
                        m -> m.counts.probeAttempts, m -> m.counts.probeConnected)
                .containsExactly(tuple(15, T0, 2L, 2L, 1L), tuple(1, T0, 1L, 2L, 1L),
                        tuple(15, T0, 2L, 3L, 2L));
    }

    @Test
    void aProbePastAllowedLatenessGoesToTheLateOutput() throws Exception {
        send("call", T0, Outcome.ANSWERED);
        harness.processWatermark(T0 + MINUTE + LATENESS.toMillis());
        rows();
        send("late-probe", LINE, T0 + 1_000, Outcome.ANSWERED, true);
        assertThat(rows()).isEmpty();
        assertThat(harness.getSideOutput(LineWindowsAndHealth.LATE)).singleElement()
                .satisfies(r -> assertThat(r.getValue().record).contains("\"call_id\":\"late-probe\""));
    }

    @Test
    void windowsAndCallIdsAreForgottenOnceTheyCanNoLongerChange() throws Exception {
        send("x", T0, Outcome.ANSWERED);
        harness.processWatermark(T0 + Duration.ofHours(30).toMillis());
        assertThat(rows()).hasSize(2);
        assertThat(LineOperatorHarness.ledgers(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).as("the line's one timer is its rules' alone")
                .isEqualTo(LineOperatorHarness.timersOfTheRules(harness));

        long nextDay = T0 + Duration.ofHours(30).toMillis() + 30_000;
        send("x", nextDay, Outcome.ANSWERED);
        harness.processWatermark(nextDay + MINUTE);
        assertThat(rows()).singleElement()
                .satisfies(m -> assertThat(m.counts.attempts).isEqualTo(1));
    }

    @Test
    void aReloadedDirectoryAppliesToWhatFollowsWithoutARestart() throws Exception {
        send("before", T0 + 5_000, Outcome.ANSWERED);
        send("new-line-before", "037100000009", T0 + 6_000, Outcome.ANSWERED, false);
        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(rows()).extracting(r -> r.key, r -> r.department)
                .containsExactly(tuple(LINE, "zz-social-security"));
        departmentDeltas();

        harness.processBroadcastElement(Directory.load(
                Path.of("src/test/resources/job/directory-reorganised.yaml")), T0 + MINUTE);
        send("after", T0 + MINUTE + 5_000, Outcome.ANSWERED);
        send("new-line-after", "037100000009", T0 + MINUTE + 6_000, Outcome.ANSWERED, false);
        harness.processWatermark(T0 + 2 * MINUTE - 1);
        assertThat(rows()).extracting(r -> r.key, r -> r.department)
                .containsExactlyInAnyOrder(tuple(LINE, "zz-12345"), tuple("037100000009", "zz-12345"));
        assertThat(departmentDeltas()).extracting(d -> d.department).containsOnly("zz-12345");
    }

    @Test
    void theFirstDirectoryListsEveryLineAndAReloadOnlyTheNewOnes() throws Exception {
        Directory first = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
        Directory reorganised = Directory.load(Path.of("src/test/resources/job/directory-reorganised.yaml"));
        assertThat(LineOperatorHarness.watches(harness)).as("the directory at start, listed when the operator opens")
                .isEqualTo(first.lines().size());
        harness.processBroadcastElement(first, T0);
        harness.processBroadcastElement(first, T0 + MINUTE);
        assertThat(LineOperatorHarness.watches(harness)).isEqualTo(first.lines().size());
        harness.processBroadcastElement(reorganised, T0 + 2 * MINUTE);
        long added = reorganised.lines().stream().map(Line::number).filter(n -> first.line(n) == null).count();
        assertThat(added).isPositive();
        assertThat(LineOperatorHarness.watches(harness)).isEqualTo(first.lines().size() + added);
        assertThat(harness.numEventTimeTimers()).as("each listed line waits for the first watermark")
                .isEqualTo(first.lines().size() + added);
    }

    @Test
    void aLateCallBeforeTheFirstWatermarkAfterARestoreCorrectsTheRowsAlreadySent() throws Exception {
        send("a", T0 + 5_000, Outcome.ANSWERED);
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(rows()).hasSize(2);
        departmentDeltas();
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        // Flink does not checkpoint watermarks: the restored operator's is Long.MIN_VALUE.
        Directory directory = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
        harness = LineOperatorHarness.open(function(directory), directory, 1, 0, checkpoint);
        send("late", T0 + 20_000, Outcome.ANSWERED);

        assertThat(rows()).extracting(m -> m.windowStart, m -> m.windowMinutes, m -> m.counts.attempts)
                .containsExactlyInAnyOrder(tuple(T0, 1, 2L), tuple(T0, 15, 2L));
        assertThat(departmentDeltas()).extracting(d -> d.minuteStart, d -> d.counts.attempts)
                .containsExactly(tuple(T0, 1L));
    }
}
