package org.hotlinepulse.monitoring;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/operations.md documents every metric the job exports and every Flink metric the rules and dashboards use. */
class MonitoringDocsUnitTest {

    @Test
    void everyMetricIsDocumentedByTheNamePrometheusShows() throws Exception {
        String operations = Files.readString(Path.of("docs/operations.md"));
        for (String name : JobMetric.prometheusNames()) {
            assertThat(operations).as("docs/operations.md documents " + name).contains("| `" + name + "` |");
        }
        for (String name : FlinkMetricNames.ALL) {
            assertThat(operations).as("docs/operations.md names " + name).contains("`" + name + "`");
        }
    }
}
