package org.hotlinepulse.alerts;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.Severity;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FEED_STALE under watermarks: pbx-a carries the two office lines of feeds/directory.yaml (UTC+8). */
class FeedHealthDetectorHarnessTest {
    static final String FEED = "pbx-a";

    private KeyedBroadcastOperatorTestHarness<String, FeedEvent, Directory, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(List.of());
    }

    private static KeyedBroadcastOperatorTestHarness<String, FeedEvent, Directory, Alert> harness(
            List<String> declaredFeeds) throws Exception {
        Directory directory = Directory.load(Path.of("src/test/resources/feeds/directory.yaml"));
        KeyedBroadcastOperatorTestHarness<String, FeedEvent, Directory, Alert> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new FeedHealthDetector(directory, FeedHealthDetector.DEFAULT_STALE_MINUTES, declaredFeeds),
                        e -> e.source, Types.STRING, DirectoryBroadcast.DIRECTORY);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static long at(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    private void cdr(String line, long start, boolean probe) throws Exception {
        cdr(FEED, line, start, probe);
    }

    private void cdr(String source, String line, long start, boolean probe) throws Exception {
        harness.processElement(FeedEvent.of(LineEvent.call(line,
                new Attempt(start, start + 30_000, Outcome.BUSY, probe, false, false, source))), start);
    }

    private List<Alert> alerts() {
        List<Alert> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    @Test
    void aFeedThatStopsDeliveringIsStaleAfterTenServiceMinutesWithNoInputAtAll() throws Exception {
        cdr("037167890001", at("2026-10-12T09:00:00"), false);
        harness.processWatermark(at("2026-10-12T09:09:59"));
        assertThat(alerts()).isEmpty();

        harness.processWatermark(at("2026-10-12T11:00:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AlertType.FEED_STALE);
            assertThat(a.getState()).isEqualTo(AlertState.FIRING);
            assertThat(a.getSeverity()).isEqualTo(Severity.critical);
            assertThat(a.getLine()).isNull();
            assertThat(a.getLabels()).isEqualTo(Map.of("source", FEED));
            assertThat(a.getStartsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T09:10:00")));
            assertThat(AlertText.split(a.getSummary())[1]).startsWith("feed pbx-a stale: no CDR at all in 10 "
                    + "service minutes since 2026-10-12 09:00 (it carries 1 lines)");
        });
    }

    @Test
    void aProbeKeepsTheFeedFreshAndTheNextCdrResolvesIt() throws Exception {
        cdr("037167890001", at("2026-10-12T09:00:00"), false);
        cdr("037167890002", at("2026-10-12T09:08:00"), true);
        harness.processWatermark(at("2026-10-12T09:17:00"));
        assertThat(alerts()).as("the probe at 09:08 counts").isEmpty();

        harness.processWatermark(at("2026-10-12T09:30:00"));
        Alert firing = alerts().get(0);
        assertThat(firing.getStartsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T09:18:00")));

        cdr("037167890002", at("2026-10-12T09:40:00"), false);
        assertThat(alerts()).as("heard once the watermark has passed its start").isEmpty();
        harness.processWatermark(at("2026-10-12T09:40:01"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getId()).isEqualTo(firing.getId());
            assertThat(a.getEndsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T09:40:00")));
        });
    }

    @Test
    void aRestoredDetectorKnowsTheLinesCarriedAndTheCdrsStillAheadOfTheWatermark() throws Exception {
        cdr("037167890001", at("2026-10-12T09:00:00"), false);
        cdr("037167890002", at("2026-10-12T09:00:00"), false);
        harness.processWatermark(at("2026-10-12T09:00:30"));
        cdr("037167890001", at("2026-10-12T09:04:00"), false);
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        harness = restored(checkpoint);
        harness.processWatermark(at("2026-10-12T09:13:59"));
        assertThat(alerts()).as("the CDR of 09:04, ahead of the watermark at the checkpoint, is heard").isEmpty();
        harness.processWatermark(at("2026-10-12T09:20:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getStartsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T09:14:00")));
            assertThat(AlertText.split(a.getSummary())[1]).contains("(it carries 2 lines)");
        });
        cdr("037167890001", at("2026-10-12T09:21:00"), false);
        harness.processWatermark(at("2026-10-12T09:22:00"));
        assertThat(alerts()).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
    }

    /** A new detector restored from a checkpoint, as after a restart. */
    private static KeyedBroadcastOperatorTestHarness<String, FeedEvent, Directory, Alert> restored(
            OperatorSubtaskState checkpoint) throws Exception {
        Directory directory = Directory.load(Path.of("src/test/resources/feeds/directory.yaml"));
        KeyedBroadcastOperatorTestHarness<String, FeedEvent, Directory, Alert> h =
                new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                        new FeedHealthDetector(directory, FeedHealthDetector.DEFAULT_STALE_MINUTES, List.of()),
                        List.of(DirectoryBroadcast.DIRECTORY)), e -> e.source, Types.STRING, 1, 1, 0);
        h.initializeState(checkpoint);
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    @Test
    void theLunchBreakOfEveryLineItCarriesIsNotStaleness() throws Exception {
        cdr("037167890001", at("2026-10-12T11:55:00"), false);
        harness.processWatermark(at("2026-10-12T14:34:00"));
        assertThat(alerts()).isEmpty();
        harness.processWatermark(at("2026-10-12T14:36:00"));
        assertThat(alerts()).extracting(Alert::getStartsAt)
                .containsExactly(Instant.ofEpochMilli(at("2026-10-12T14:35:00")));
    }

    @Test
    void theEndOfABoundedInputFiresNothing() throws Exception {
        cdr("037167890001", at("2026-10-12T09:00:00"), false);
        harness.processWatermark(at("2026-10-12T09:05:00"));
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aStraySourceIsForgottenADayAfterItsLastCdrItsPageResolvedAndItsStateReleased() throws Exception {
        cdr("pbx-typo", "037167890001", at("2026-10-12T09:00:00"), false);
        harness.processWatermark(at("2026-10-12T10:00:00"));
        Alert firing = alerts().get(0);
        assertThat(firing.getLabels()).isEqualTo(Map.of("source", "pbx-typo"));

        harness.processWatermark(at("2026-10-13T08:59:59"));
        assertThat(alerts()).isEmpty();
        harness.processWatermark(at("2026-10-13T09:00:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getId()).isEqualTo(firing.getId());
            assertThat(a.getLabels()).isEqualTo(firing.getLabels());
            assertThat(a.getEndsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-13T09:00:00")));
            assertThat(AlertText.split(a.getSummary())[1]).startsWith("No longer watched: feed pbx-typo stale");
        });
        assertThat(((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processWatermark(at("2026-10-20T09:00:00"));
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aFeedHeardAgainBeforeADayIsNotForgotten() throws Exception {
        cdr("037167890001", at("2026-10-12T09:00:00"), false);
        harness.processWatermark(at("2026-10-12T20:00:00"));
        cdr("037167890001", at("2026-10-12T20:00:00"), false);
        harness.processWatermark(at("2026-10-13T09:30:00"));
        assertThat(alerts()).extracting(Alert::getState)
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING);
    }

    @Test
    void declaredFeedsAreWatchedForEverAndNoOtherSourceIs() throws Exception {
        harness.close();
        harness = harness(List.of(FEED));
        cdr("pbx-typo", "037167890001", at("2026-10-12T09:00:00"), false);
        cdr(FEED, "037167890001", at("2026-10-12T09:00:00"), false);
        harness.processWatermark(at("2026-10-19T10:00:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.FIRING);
            assertThat(a.getLabels()).isEqualTo(Map.of("source", FEED));
        });
    }
}
