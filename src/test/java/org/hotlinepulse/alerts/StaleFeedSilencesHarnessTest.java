package org.hotlinepulse.alerts;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SILENT pages held back while the feed the line was last heard on is FEED_STALE. */
class StaleFeedSilencesHarnessTest {
    static final String FEED = "pbx-a";
    static final long T = Instant.parse("2026-10-12T01:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new StaleFeedSilences(),
                StaleFeedSilences::feedOf, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static Alert alert(AlertType type, String key, long startsAt, Long endsAt) {
        return new Alert(EpisodeAlerts.id(type, key, startsAt), type, Severity.warning,
                endsAt == null ? AlertState.FIRING : AlertState.RESOLVED,
                type == AlertType.FEED_STALE ? null : key, null, Instant.ofEpochMilli(startsAt),
                endsAt == null ? null : Instant.ofEpochMilli(endsAt), Map.of("source", FEED), "summary");
    }

    private void send(Alert alert) throws Exception {
        harness.processElement(alert, alert.getStartsAt().toEpochMilli());
    }

    private List<String> out() {
        List<String> changes = harness.extractOutputValues().stream()
                .map(a -> a.getType() + " " + a.getState() + (a.getLine() == null ? "" : " " + a.getLine())).toList();
        harness.getOutput().clear();
        return changes;
    }

    @Test
    void silencesThatBeginWhileTheirFeedIsStaleAreHeldBackWithTheirResolution() throws Exception {
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, null));
        harness.processWatermark(T + 5 * MINUTE);
        send(alert(AlertType.FEED_STALE, FEED, T, T + 30 * MINUTE));
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, T + 31 * MINUTE));
        assertThat(out()).containsExactly("FEED_STALE FIRING", "FEED_STALE RESOLVED");
    }

    @Test
    void aSilenceThatBeganBeforeTheFeedWentStaleStillPages() throws Exception {
        send(alert(AlertType.SILENT, "037167890001", T - MINUTE, null));
        harness.processWatermark(T - MINUTE);
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        send(alert(AlertType.SILENT, "037167890001", T - MINUTE, T + 40 * MINUTE));
        assertThat(out()).containsExactly("SILENT FIRING 037167890001", "FEED_STALE FIRING",
                "SILENT RESOLVED 037167890001");
    }

    @Test
    void aSilenceAfterTheFeedRecoveredPages() throws Exception {
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        send(alert(AlertType.FEED_STALE, FEED, T, T + 10 * MINUTE));
        send(alert(AlertType.SILENT, "037167890001", T + 30 * MINUTE, null));
        harness.processWatermark(T + 30 * MINUTE);
        assertThat(out()).containsExactly("FEED_STALE FIRING", "FEED_STALE RESOLVED", "SILENT FIRING 037167890001");
    }

    @Test
    void aResolutionThatOvertakesTheWatermarkWaitsBehindItsFiring() throws Exception {
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, null));
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, T + 60 * MINUTE));
        harness.processWatermark(T + 5 * MINUTE);
        assertThat(out()).containsExactly("FEED_STALE FIRING");
    }

    @Test
    void anEpisodeIsForgottenOnceTheWatermarkHasPassedItsEnd() throws Exception {
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        send(alert(AlertType.FEED_STALE, FEED, T, T + 10 * MINUTE));
        harness.processWatermark(T + 10 * MINUTE - 1);
        assertThat(keyedStateEntries()).as("the episode").isEqualTo(1);

        harness.processWatermark(T + 10 * MINUTE);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRestoredFunctionStillHoldsBackTheSilencesOfAStaleFeedAndTheirResolution() throws Exception {
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, null));
        send(alert(AlertType.SILENT, "037167890002", T + 6 * MINUTE, null));
        harness.processWatermark(T + 5 * MINUTE);
        assertThat(out()).containsExactly("FEED_STALE FIRING");
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StaleFeedSilences()),
                StaleFeedSilences::feedOf, Types.STRING);
        harness.initializeState(checkpoint);
        harness.open();
        harness.processWatermark(T + 6 * MINUTE);
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, T + 31 * MINUTE));
        send(alert(AlertType.SILENT, "037167890003", T + 7 * MINUTE, null));
        send(alert(AlertType.FEED_STALE, FEED, T, T + 10 * MINUTE));
        send(alert(AlertType.SILENT, "037167890004", T + 20 * MINUTE, null));
        harness.processWatermark(T + 20 * MINUTE);

        assertThat(out()).as("held back before the checkpoint, waiting across it, and after it: only the "
                        + "silence after the feed recovered pages")
                .containsExactly("FEED_STALE RESOLVED", "SILENT FIRING 037167890004");
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void theVerdictWaitsForTheWatermarkSoArrivalOrderDoesNotMatter() throws Exception {
        send(alert(AlertType.SILENT, "037167890001", T + 5 * MINUTE, null));
        send(alert(AlertType.FEED_STALE, FEED, T, null));
        harness.processWatermark(T + 5 * MINUTE);
        assertThat(out()).containsExactly("FEED_STALE FIRING");
    }
}
