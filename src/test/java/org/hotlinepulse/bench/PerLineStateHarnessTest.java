package org.hotlinepulse.bench;

import org.hotlinepulse.bench.PerLineState.Backend;
import org.hotlinepulse.bench.PerLineState.Checkpoint;
import org.hotlinepulse.bench.PerLineState.Operator;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds of docs/performance.md's "State per line", at 50 lines on both backends. */
class PerLineStateHarnessTest {
    static final int LINES = 50;
    static final Instant FROM = Instant.parse("2026-10-12T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);
    static final Directory DIRECTORY = new SyntheticDirectory(LINES, 10).directory();

    @TempDir
    Path checkpoints;

    /** Checkpoints after one and after two hours of 30 calls an hour to every line. */
    private static Checkpoint[] afterOneAndTwoHours(PerLineState state) throws Exception {
        state.traffic(DIRECTORY, FROM, HOUR, 30, 1);
        Checkpoint oneHour = state.checkpoint();
        state.traffic(DIRECTORY, FROM.plus(HOUR), HOUR, 30, 2);
        assertThat(oneHour.keys()).isEqualTo(LINES);
        assertThat(oneHour.keyedBytes()).isPositive();
        return new Checkpoint[] {oneHour, state.checkpoint()};
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lineWindowsForgetEverythingPastAllowedLatenessAndTheDuplicateHorizon(Backend backend) throws Exception {
        try (PerLineState state = PerLineState.open(Operator.LINE_WINDOWS, DIRECTORY, backend, checkpoints)) {
            afterOneAndTwoHours(state);
            Duration forgotten = PerLineState.METRICS.allowedLateness().plus(PerLineState.METRICS.duplicateHorizon())
                    .plus(Duration.ofHours(2));
            state.watermark(FROM.plus(HOUR.multipliedBy(2)).plus(forgotten).toEpochMilli());
            Checkpoint after = state.checkpoint();
            assertThat(after.keys()).isZero();
            assertThat(after.timers()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lineHealthKeepsTheRuleStateOfEachListedLine(Backend backend) throws Exception {
        try (PerLineState state = PerLineState.open(Operator.LINE_HEALTH, DIRECTORY, backend, checkpoints)) {
            afterOneAndTwoHours(state);
            state.watermark(FROM.plus(HOUR.multipliedBy(30)).toEpochMilli());
            assertThat(state.checkpoint().keys()).isEqualTo(LINES);
        }
    }

    // Bytes on the heap only: a RocksDB checkpoint also holds the values overwritten or deleted since
    // its last compaction, so its size depends on when RocksDB compacted.

    @Test
    void lineWindowsHoldTheWindowsAndCallIdsOfEveryHourOfTraffic() throws Exception {
        try (PerLineState state = PerLineState.open(Operator.LINE_WINDOWS, DIRECTORY, Backend.HEAP, checkpoints)) {
            Checkpoint[] hours = afterOneAndTwoHours(state);
            assertThat(hours[1].keyedBytes()).isGreaterThan(hours[0].keyedBytes() * 3 / 2);
        }
    }

    @Test
    void lineHealthStatePerLineDoesNotGrowWithTheHoursOfTraffic() throws Exception {
        try (PerLineState state = PerLineState.open(Operator.LINE_HEALTH, DIRECTORY, Backend.HEAP, checkpoints)) {
            Checkpoint[] hours = afterOneAndTwoHours(state);
            assertThat(hours[1].keyedBytes()).as("the rules keep their longest window, not the hours of traffic")
                    .isLessThan(hours[0].keyedBytes() * 5 / 4);
        }
    }
}
