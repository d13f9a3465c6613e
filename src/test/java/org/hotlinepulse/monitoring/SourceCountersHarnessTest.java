package org.hotlinepulse.monitoring;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrSource;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.pipeline.RejectedRecordRouter;
import org.hotlinepulse.testing.RecordedMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-source counts of the job's first operator, as a reporter sees them. */
class SourceCountersHarnessTest {

    @Test
    void readAndRejectedAreCountedBySourceAndSourcesPastTheBoundAsOther() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics();
        try (OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new RejectedRecordRouter()), metrics.environment())) {
            harness.open();
            for (int s = 0; s < SourceCounters.MAX_SOURCES + 3; s++) {
                harness.processElement(parsed("pbx-" + s), 0);
            }
            harness.processElement(parsed("pbx-0"), 0);
            harness.processElement(parsed(null), 0);
            harness.processElement(InputRecord.rejected("t", 1, "end_time before start_time",
                    "{\"call_id\":\"x\",\"source\":\"pbx-1\"}"), 0);
            harness.processElement(InputRecord.rejected("t", 2, "not a CDR", "\"base64:AAAA\""), 0);
            harness.processElement(InputRecord.rejected("t", 3, "field source is longer than 128 characters",
                    "{\"call_id\":\"y\",\"source\":\"" + "s".repeat(129) + "\"}"), 0);

            Map<String, Long> read = counts(metrics.byKey("records_read_total", "source"));
            assertThat(read).hasSize(SourceCounters.MAX_SOURCES + 1)
                    .containsEntry("pbx-0", 2L).containsEntry("pbx-1", 2L)
                    // three sources past the bound, the default source, the two records of unknown source
                    .containsEntry(LabelBudget.OTHER, 3L + 1 + 2)
                    .doesNotContainKeys("pbx-" + SourceCounters.MAX_SOURCES, CdrSource.DEFAULT);
            assertThat(counts(metrics.byKey("records_rejected_total", "source"))).as("a budget of its own")
                    .containsOnly(Map.entry("pbx-1", 1L), Map.entry(RecordSource.UNKNOWN, 2L));
        }
    }

    private static InputRecord parsed(String source) {
        Instant t = Instant.parse("2026-10-12T01:00:00Z");
        return InputRecord.parsed("t", 0, Cdr.newBuilder().setCallId("c").setLine("12345").setSource(source)
                .setStartTime(t).setEndTime(t.plusSeconds(30)).build());
    }

    private static Map<String, Long> counts(Map<String, Metric> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((source, counter) -> counts.put(source, ((Counter) counter).getCount()));
        return counts;
    }
}
