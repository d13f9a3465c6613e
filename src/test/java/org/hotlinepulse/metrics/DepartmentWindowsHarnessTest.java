package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.hotlinepulse.avro.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DepartmentWindowsHarnessTest {
    static final long T0 = Instant.parse("2026-10-12T01:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    static final Duration LATENESS = Duration.ofHours(4);

    private KeyedOneInputStreamOperatorTestHarness<String, MinuteCounts, WindowMetrics> harness;

    @BeforeEach
    void open() throws Exception {
        DepartmentWindows windows = new DepartmentWindows(List.of(1, 15), LATENESS);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(windows),
                m -> m.department, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static MinuteCounts minute(String line, long minuteStart, long attempts, long answered) {
        Counts c = new Counts();
        c.attempts = attempts;
        c.connected = answered;
        c.answered = answered;
        return new MinuteCounts(line, "zz-social-security", minuteStart, c);
    }

    private List<WindowMetrics> emitted() {
        List<WindowMetrics> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    @Test
    void eachWindowsFirstRowGoesOutWhenTheWatermarkPassesItsEnd() throws Exception {
        harness.processElement(minute("L1", T0, 3, 2), T0);
        harness.processElement(minute("L1", T0 + MINUTE, 2, 1), T0 + MINUTE);
        harness.processElement(minute("L1", T0 + 14 * MINUTE, 1, 0), T0 + 14 * MINUTE);

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(emitted()).extracting(m -> m.windowStart, m -> m.windowMinutes, m -> m.counts.attempts)
                .containsExactly(tuple(T0, 1, 3L));

        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(emitted())
                .extracting(m -> m.windowStart, m -> m.windowMinutes, m -> m.counts.attempts)
                .containsExactlyInAnyOrder(
                        tuple(T0 + MINUTE, 1, 2L),
                        tuple(T0 + 14 * MINUTE, 1, 1L),
                        tuple(T0, 15, 6L));
    }

    @Test
    void aLateDeltaSendsTheCorrectedTotalsOfEveryWindowItFallsIn() throws Exception {
        harness.processElement(minute("L1", T0, 3, 2), T0);
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(emitted()).hasSize(2);

        harness.processElement(minute("L1", T0, 1, 1), T0);
        List<WindowMetrics> corrected = emitted();
        assertThat(corrected)
                .extracting(m -> m.scope, m -> m.key, m -> m.windowMinutes, m -> m.counts.attempts,
                        m -> m.counts.answered)
                .containsExactlyInAnyOrder(
                        tuple(Scope.department, "zz-social-security", 1, 4L, 3L),
                        tuple(Scope.department, "zz-social-security", 15, 4L, 3L));
    }

    @Test
    void aLateDeltaForAWindowStillOpenWaitsForItsEnd() throws Exception {
        harness.processElement(minute("L1", T0, 3, 2), T0);
        harness.processWatermark(T0 + 5 * MINUTE);
        assertThat(emitted()).hasSize(1);

        harness.processElement(minute("L1", T0 + MINUTE, 1, 1), T0 + MINUTE);
        assertThat(emitted()).as("the 1-min window of a late minute is new and already past")
                .extracting(m -> m.windowMinutes, m -> m.counts.attempts)
                .containsExactly(tuple(1, 1L));
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(emitted()).extracting(m -> m.windowMinutes, m -> m.counts.attempts)
                .containsExactly(tuple(15, 4L));
    }

    @Test
    void departmentRowsSumAllLinesAndCarryNoDepartmentColumn() throws Exception {
        harness.processElement(minute("L1", T0, 3, 2), T0);
        harness.processElement(minute("L2", T0, 5, 5), T0);
        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(emitted())
                .extracting(m -> m.scope, m -> m.key, m -> m.department, m -> m.counts.attempts,
                        m -> m.counts.answered)
                .containsExactly(tuple(Scope.department, "zz-social-security", null, 8L, 7L));
    }

    @Test
    void probesRideOnTheDepartmentsRowsAndProbesAloneMakeNoRow() throws Exception {
        MinuteCounts probesOnly = minute("L1", T0, 0, 0);
        probesOnly.counts.probeAttempts = 2;
        probesOnly.counts.probeConnected = 1;
        harness.processElement(probesOnly, T0);
        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(emitted()).as("a minute of probes only").isEmpty();

        harness.processElement(minute("L2", T0 + MINUTE, 4, 1), T0 + MINUTE);
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(emitted())
                .extracting(m -> m.windowMinutes, m -> m.counts.attempts, m -> m.counts.probeAttempts,
                        m -> m.counts.probeConnected)
                .containsExactly(tuple(1, 4L, 0L, 0L), tuple(15, 4L, 2L, 1L));
    }

    @Test
    void windowsAreForgottenOnceAllowedLatenessHasPassed() throws Exception {
        harness.processElement(minute("L1", T0, 3, 2), T0);
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processWatermark(T0 + 15 * MINUTE - 1 + LATENESS.toMillis());
        emitted();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLateDeltaBeforeTheFirstWatermarkAfterARestoreCorrectsTheRowsAlreadySent() throws Exception {
        harness.processElement(minute("L1", T0, 3, 2), T0);
        harness.processWatermark(T0 + 15 * MINUTE - 1);
        assertThat(emitted()).hasSize(2);
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        // Flink does not checkpoint watermarks: the restored operator's is Long.MIN_VALUE.
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new DepartmentWindows(List.of(1, 15), LATENESS)), m -> m.department, Types.STRING);
        harness.initializeState(checkpoint);
        harness.open();
        harness.processElement(minute("L2", T0, 1, 1), T0);

        assertThat(emitted()).extracting(m -> m.windowStart, m -> m.windowMinutes, m -> m.counts.attempts)
                .containsExactlyInAnyOrder(tuple(T0, 1, 4L), tuple(T0, 15, 4L));
    }
}
