package org.hotlinepulse.metrics;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.testing.RecordedMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DepartmentAnswerRatesHarnessTest {
    static final String NAME = "answer_rate";

    @Test
    void eachDepartmentShowsItsLatestWindowOfTheSizeFollowed() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics();
        try (OneInputStreamOperatorTestHarness<WindowMetrics, Void> harness = harness(metrics)) {
            harness.processElement(row(Scope.department, "d1", 60_000, 1, 4, 3), 0);
            harness.processElement(row(Scope.department, "d1", 0, 1, 4, 1), 0);
            harness.processElement(row(Scope.department, "d1", 0, 15, 4, 4), 0);
            harness.processElement(row(Scope.line, "037100000001", 120_000, 1, 4, 0), 0);
            harness.processElement(row(Scope.department, "d2", 60_000, 1, 0, 0), 0);

            Map<String, Metric> rates = metrics.byKey(NAME, "department");
            assertThat(rates).containsOnlyKeys("d1", "d2");
            assertThat(value(rates.get("d1"))).as("the later minute, not the late correction of an earlier one").isEqualTo(0.75);
            assertThat(value(rates.get("d2"))).as("no attempt: no rate").isNaN();

            harness.processElement(row(Scope.department, "d1", 120_000, 1, 2, 1), 0);
            assertThat(value(rates.get("d1"))).isEqualTo(0.5);
        }
    }

    @Test
    void atMostTheBoundOfDepartmentsGetAGauge() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics();
        try (OneInputStreamOperatorTestHarness<WindowMetrics, Void> harness = harness(metrics)) {
            for (int d = 0; d < DepartmentAnswerRates.MAX_DEPARTMENTS + 5; d++) {
                harness.processElement(row(Scope.department, "d" + d, 0, 1, 1, 1), 0);
            }
            assertThat(metrics.byKey(NAME, "department")).hasSize(DepartmentAnswerRates.MAX_DEPARTMENTS)
                    .containsKey("d0").doesNotContainKey("d" + DepartmentAnswerRates.MAX_DEPARTMENTS);
        }
    }

    private static OneInputStreamOperatorTestHarness<WindowMetrics, Void> harness(RecordedMetrics metrics) throws Exception {
        OneInputStreamOperatorTestHarness<WindowMetrics, Void> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new DepartmentAnswerRates(1)), metrics.environment());
        harness.open();
        return harness;
    }

    private static WindowMetrics row(Scope scope, String key, long start, int minutes, long attempts, long answered) {
        Counts counts = new Counts();
        counts.attempts = attempts;
        counts.answered = answered;
        return new WindowMetrics(scope, key, scope == Scope.line ? "d1" : null, start, minutes, counts);
    }

    private static double value(Metric gauge) {
        return (Double) ((Gauge<?>) gauge).getValue();
    }
}
