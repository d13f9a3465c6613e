package org.hotlinepulse.monitoring;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.testing.RecordedMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryGaugesHarnessTest {

    @Test
    void theVersionCountsDirectoriesThatDifferAndTheAgeIsThatOfTheOneInForce() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics();
        Directory first = SyntheticDirectory.alwaysOpen(List.of("12345"));
        Directory second = SyntheticDirectory.alwaysOpen(List.of("12345", "037100000001"));
        try (OneInputStreamOperatorTestHarness<Directory, Void> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new DirectoryGauges()), metrics.environment())) {
            harness.open();
            assertThat(metrics.gauge("directory_version")).isEqualTo(0L);
            assertThat((Double) metrics.gauge("directory_age_seconds")).as("no directory yet").isNaN();

            harness.processElement(first, 0);
            harness.processElement(SyntheticDirectory.alwaysOpen(List.of("12345")), 0);
            assertThat(metrics.gauge("directory_version")).as("a reload that changes nothing").isEqualTo(1L);
            harness.processElement(second, 0);
            assertThat(metrics.gauge("directory_version")).isEqualTo(2L);
            assertThat((Double) metrics.gauge("directory_age_seconds")).isBetween(0.0, 60.0);
        }
    }
}
