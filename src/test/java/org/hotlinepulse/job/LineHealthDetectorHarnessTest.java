package org.hotlinepulse.job;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hotlinepulse.alerts.AlertThresholds;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.lines.LineWindowsAndHealth;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.metrics.MetricSettings;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The rules half of the per-line operator ({@link LineHealthDetector} in {@link LineWindowsAndHealth}) under watermarks: SILENT from timers alone, service hours and the calendar,
 * calls taken in start_time order once the watermark has passed them, and nothing fired by the
 * end of a bounded input. The line is open Mon-Fri 08:30-12:00 and 14:30-17:30 (UTC+8) and
 * expects 60 calls an hour, so 15 quiet service minutes make it SILENT. The operator opens with no
 * line listed; a test lists a line by sending a directory version that adds it.
 */
class LineHealthDetectorHarnessTest {
    static final String LINE = "037167890001";
    static final String UNKNOWN = "037199990000";
    /** A line without expected_calls_per_hour: SILENT after one whole service day. */
    static final String NO_BASELINE = "037167890002";
    static final long MINUTE = 60_000;

    private KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> harness;
    private Directory directory;
    private final List<String> listed = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        harness = detectorWithWatermarkLag(Duration.ZERO, null);
    }

    /** A detector whose watermark trails the event time it stands for by {@code watermarkLag}, as in the job. */
    private KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> detectorWithWatermarkLag(
            Duration watermarkLag, OperatorSubtaskState checkpoint) throws Exception {
        directory = Directory.load(Path.of("src/test/resources/alerts/directory.yaml"));
        LineWindowsAndHealth function = new LineWindowsAndHealth(directory,
                new LineWindows(MetricSettings.DEFAULTS, List.of(1), Duration.ofHours(4), Duration.ofHours(24)),
                new LineHealthDetector(AlertThresholds.defaults(), watermarkLag));
        return LineOperatorHarness.open(function, listing(List.of()), 1, 0, checkpoint);
    }

    private void detectorWithWatermarkLag(Duration watermarkLag) throws Exception {
        harness.close();
        harness = detectorWithWatermarkLag(watermarkLag, null);
    }

    /** The test directory with only {@code numbers} among its lines. */
    private Directory listing(List<String> numbers) {
        List<Line> lines = directory.lines().stream().filter(l -> numbers.contains(l.number())).toList();
        return Directory.of(directory.calendar(), directory.departments(), lines, directory.closures());
    }

    /** A directory version that lists {@code number} too arrives. */
    private void list(String number) throws Exception {
        listed.add(number);
        harness.processBroadcastElement(listing(listed), Long.MIN_VALUE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static long at(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    private void call(String callLine, long start, Outcome outcome) throws Exception {
        Cdr.Builder cdr = Cdr.newBuilder().setCallId(callLine + "-" + start).setLine(callLine)
                .setStartTime(Instant.ofEpochMilli(start)).setEndTime(Instant.ofEpochMilli(start + 30_000))
                .setOutcome(outcome);
        if (outcome == Outcome.ANSWERED) {
            cdr.setAnswerTime(Instant.ofEpochMilli(start + 10_000));
        }
        harness.processElement(InputRecord.parsed("test.jsonl", start, cdr.build()), start);
    }

    private List<Alert> alerts() {
        var queue = harness.getSideOutput(LineWindowsAndHealth.ALERTS);
        if (queue == null) {
            return List.of();
        }
        List<Alert> out = queue.stream().map(StreamRecord::getValue).toList();
        queue.clear();
        return out;
    }

    @Test
    void aListedLineThatNeverRingsGoesSilentWithNoInputAtAll() throws Exception {
        list(LINE);
        harness.processWatermark(at("2026-10-12T08:30:00"));
        harness.processWatermark(at("2026-10-12T08:44:00"));
        assertThat(alerts()).as("14 quiet minutes are not enough").isEmpty();

        harness.processWatermark(at("2026-10-12T08:46:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AlertType.SILENT);
            assertThat(a.getState()).isEqualTo(AlertState.FIRING);
            assertThat(a.getLine()).isEqualTo(LINE);
        });
        harness.processWatermark(at("2026-10-12T11:00:00"));
        assertThat(alerts()).as("one page per episode").isEmpty();
    }

    // Issue 12, finding 9: in replay a never-called line went SILENT max_out_of_orderness early.
    @Test
    void aNeverCalledLineIsQuietFromTheFirstRecordNotFromTheWatermarkTrailingIt() throws Exception {
        Duration lag = Duration.ofMinutes(10).plusMillis(1);
        detectorWithWatermarkLag(lag);
        list(LINE);
        // the first record of the input starts at 09:00; the first watermark trails it
        harness.processWatermark(at("2026-10-12T09:00:00") - lag.toMillis());
        harness.processWatermark(at("2026-10-12T09:14:59"));
        assertThat(alerts()).as("14 quiet minutes since the first record").isEmpty();

        harness.processWatermark(at("2026-10-12T09:15:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AlertType.SILENT);
            assertThat(a.getStartsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T09:15:00")));
        });
    }

    @Test
    void aLineListedOnceEventTimeHasMovedIsQuietFromTheEventTimeOfTheWatermark() throws Exception {
        Duration lag = Duration.ofMinutes(10).plusMillis(1);
        detectorWithWatermarkLag(lag);
        harness.processWatermark(at("2026-10-12T09:00:00") - lag.toMillis());
        list(LINE);
        harness.processWatermark(at("2026-10-12T09:14:59"));
        assertThat(alerts()).isEmpty();
        harness.processWatermark(at("2026-10-12T09:15:00"));
        assertThat(alerts()).extracting(Alert::getType, Alert::getStartsAt)
                .containsExactly(tuple(AlertType.SILENT, Instant.ofEpochMilli(at("2026-10-12T09:15:00"))));
    }

    @Test
    void theLunchBreakIsNotSilenceAndQuietTimeCarriesAcrossIt() throws Exception {
        call(LINE, at("2026-10-12T11:50:00"), Outcome.ANSWERED);
        harness.processWatermark(at("2026-10-12T14:34:00"));
        assertThat(alerts()).as("10 service minutes before lunch, 4 after").isEmpty();
        harness.processWatermark(at("2026-10-12T14:36:00"));
        assertThat(alerts()).extracting(Alert::getType).containsExactly(AlertType.SILENT);

        call(LINE, at("2026-10-12T14:40:00"), Outcome.ANSWERED);
        harness.processWatermark(at("2026-10-12T14:41:00"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AlertType.SILENT);
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getEndsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T14:40:00")));
        });
    }

    @Test
    void aHolidayIsNotSilenceButAMakeUpWorkdayIs() throws Exception {
        list(LINE);
        harness.processWatermark(at("2026-10-01T08:00:00"));
        harness.processWatermark(at("2026-10-01T18:00:00"));
        harness.processWatermark(at("2026-10-07T18:00:00"));
        assertThat(alerts()).as("the National Day holidays and the weekend within them").isEmpty();

        harness.processWatermark(at("2026-10-08T08:46:00"));
        assertThat(alerts()).as("Thursday 8 October is a working day again").singleElement()
                .satisfies(a -> assertThat(a.getStartsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-08T08:45:00"))));

        call(LINE, at("2026-10-09T17:29:00"), Outcome.ANSWERED);
        harness.processWatermark(at("2026-10-10T08:43:00"));
        assertThat(alerts()).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
        harness.processWatermark(at("2026-10-10T08:45:00"));
        assertThat(alerts()).as("Saturday 10 October is a make-up workday: 1 + 14 quiet minutes")
                .extracting(Alert::getType, Alert::getStartsAt)
                .containsExactly(tuple(AlertType.SILENT, Instant.ofEpochMilli(at("2026-10-10T08:44:00"))));
    }

    @Test
    void theEndOfABoundedInputFiresNothing() throws Exception {
        list(LINE);
        call(LINE, at("2026-10-12T09:00:00"), Outcome.ANSWERED);
        harness.processWatermark(at("2026-10-12T09:05:00"));
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aListingThatArrivesAfterTheEndOfABoundedInputIsNotJudged() throws Exception {
        // Seen in a replay of a few CDRs: the directory joined after the input had ended, and the
        // silence of a line never called was computed from the end of time (long overflow, the
        // replay failed).
        call(LINE, at("2026-10-12T09:00:00"), Outcome.ANSWERED);
        harness.processWatermark(Long.MAX_VALUE);
        list(NO_BASELINE);
        list(LINE);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void callsAreJudgedInStartTimeOrderOnceTheWatermarkHasPassedThem() throws Exception {
        long t = at("2026-10-12T09:00:00");
        call(LINE, t + 2 * MINUTE, Outcome.FAILED);
        call(LINE, t + MINUTE, Outcome.FAILED);
        call(LINE, t, Outcome.FAILED);
        harness.processWatermark(t + MINUTE);
        assertThat(alerts()).as("the third failure is not yet known to be the latest").isEmpty();

        harness.processWatermark(t + 2 * MINUTE);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AlertType.OUT_OF_SERVICE);
            assertThat(a.getStartsAt()).isEqualTo(Instant.ofEpochMilli(t + 2 * MINUTE));
        });
    }

    @Test
    void aCallArrivingAfterTheWatermarkPassedItsStartIsLateForTheRules() throws Exception {
        long t = at("2026-10-12T09:00:00");
        harness.processWatermark(t + 10 * MINUTE);
        call(LINE, t, Outcome.FAILED);
        call(LINE, t + MINUTE, Outcome.FAILED);
        call(LINE, t + 2 * MINUTE, Outcome.FAILED);
        harness.processWatermark(t + 11 * MINUTE);
        assertThat(alerts()).isEmpty();
        assertThat(LineOperatorHarness.watches(harness)).as("late calls leave nothing behind").isZero();
        assertThat(LineOperatorHarness.timersOfTheRules(harness)).isZero();
    }

    @Test
    void aMisdialledNumberIsForgottenOnceItsAttemptsLeaveTheSpan() throws Exception {
        long t = at("2026-10-12T09:00:00");
        call(UNKNOWN, t, Outcome.FAILED);
        call(UNKNOWN, t + MINUTE, Outcome.FAILED);
        harness.processWatermark(t + 60 * MINUTE);
        assertThat(LineOperatorHarness.watches(harness)).as("the second attempt is still in the hour").isPositive();

        harness.processWatermark(t + 61 * MINUTE);
        assertThat(alerts()).isEmpty();
        assertThat(LineOperatorHarness.watches(harness)).isZero();
        assertThat(LineOperatorHarness.timersOfTheRules(harness)).isZero();
    }

    @Test
    void anUnknownLineEpisodeKeepsItsStateUntilItResolves() throws Exception {
        long t = at("2026-10-12T09:00:00");
        for (int i = 0; i < 3; i++) {
            call(UNKNOWN, t + i * MINUTE, Outcome.FAILED);
        }
        harness.processWatermark(t + 23 * 60 * MINUTE);
        assertThat(alerts()).extracting(Alert::getType, Alert::getState)
                .containsExactly(tuple(AlertType.UNKNOWN_LINE, AlertState.FIRING));
        assertThat(LineOperatorHarness.watches(harness)).isPositive();

        harness.processWatermark(t + 2 * MINUTE + 24 * 60 * MINUTE);
        assertThat(alerts()).extracting(Alert::getType, Alert::getState)
                .containsExactly(tuple(AlertType.UNKNOWN_LINE, AlertState.RESOLVED));
        assertThat(LineOperatorHarness.watches(harness)).isZero();
        assertThat(LineOperatorHarness.timersOfTheRules(harness)).isZero();
    }

    @Test
    void aFloodToOneMisdialledNumberKeepsOnlyWhatTheRuleNeeds() throws Exception {
        long t = at("2026-10-12T09:00:00");
        for (int i = 0; i < 3; i++) {
            call(UNKNOWN, t + i, Outcome.FAILED);
        }
        harness.processWatermark(t + 1_000);
        assertThat(alerts()).extracting(Alert::getType).containsExactly(AlertType.UNKNOWN_LINE);
        long threeCalls = LineOperatorHarness.watchBytes(harness, UNKNOWN);

        for (int i = 0; i < 10_000; i++) {
            call(UNKNOWN, t + 1_000 + i * 100L, Outcome.FAILED);
        }
        harness.processWatermark(t + 20 * MINUTE);
        assertThat(alerts()).isEmpty();
        assertThat(LineOperatorHarness.watchBytes(harness, UNKNOWN)).as("bytes of the rules' state after 10,000 more calls")
                .isLessThan(threeCalls + 100);
    }

    @Test
    void atMostSoManyMisdialledNumbersAreWatchedAtOnceAcrossARestore() throws Exception {
        long t = at("2026-10-12T09:00:00");
        for (int i = 0; i < LineHealthDetector.MAX_UNKNOWN_NUMBERS; i++) {
            call(Long.toString(4_000_000_000L + i), t, Outcome.FAILED);
        }
        harness.setCheckpointStorage(new JobManagerCheckpointStorage(64 << 20));
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();
        harness = restored(checkpoint);
        for (String number : List.of("4999999999", UNKNOWN)) {
            for (int i = 0; i < 3; i++) {
                call(number, t + i * MINUTE, Outcome.FAILED);
            }
        }
        harness.processWatermark(t + 5 * MINUTE);
        assertThat(alerts()).as("beyond the cap no number is watched: no UNKNOWN_LINE").isEmpty();

        // Once the first ones leave their hour they are forgotten, and new numbers are watched again.
        harness.processWatermark(t + 61 * MINUTE);
        for (int i = 0; i < 3; i++) {
            call(UNKNOWN, t + (62 + i) * MINUTE, Outcome.FAILED);
        }
        harness.processWatermark(t + 70 * MINUTE);
        assertThat(alerts()).extracting(Alert::getLine).containsExactly(UNKNOWN);
    }

    /** A new detector restored from a checkpoint: Flink does not checkpoint watermarks, so its own is Long.MIN_VALUE. */
    private KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> restored(
            OperatorSubtaskState checkpoint) throws Exception {
        return detectorWithWatermarkLag(Duration.ZERO, checkpoint);
    }

    @Test
    void aCallAlreadyLateForTheRulesStaysLateRightAfterARestore() throws Exception {
        long t = at("2026-10-12T09:00:00");
        call(LINE, t, Outcome.FAILED);
        call(LINE, t + 10_000, Outcome.FAILED);
        call(LINE, t + 20_000, Outcome.ANSWERED);
        harness.processWatermark(t + 30_000);
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        harness = restored(checkpoint);
        call(LINE, t + 15_000, Outcome.FAILED);
        harness.processWatermark(t + MINUTE);

        assertThat(alerts()).as("a third FAILED attempt in 10 min, but late for the rules: no OUT_OF_SERVICE")
                .isEmpty();
    }
}
