package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live job's watermark generators, with both clocks in the test's hand: the wall clock the
 * clock input follows, and the input-activity clock that idleness is measured on.
 */
class EventTimeUnitTest {
    static final Duration DELAY = Duration.ofMinutes(10);
    static final Duration QUIET_AFTER = Duration.ofMinutes(1);
    static final Duration STALLED = QUIET_AFTER.multipliedBy(EventTime.STALLED_PARTITION_FACTOR);
    static final long NOW = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();
    static final long BACKLOG = Instant.parse("2026-10-12T01:00:00Z").toEpochMilli();

    private final AtomicLong wallClock = new AtomicLong(NOW);
    private final ManualClock activity = new ManualClock();
    private final EventTime live = EventTime.live(DELAY, QUIET_AFTER, wallClock::get);

    private WatermarkGenerator<InputRecord> partitionGenerator() {
        return live.cdrWatermarks().createWatermarkGenerator(context());
    }

    private WatermarkGeneratorSupplier.Context context() {
        return new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return activity;
            }
        };
    }

    private void pass(Duration time, WatermarkGenerator<InputRecord> generator, RecordingOutput output) {
        // Idleness is checked on periodic emits (every 200 ms in a job); two of them span the time.
        generator.onPeriodicEmit(output);
        activity.advanceTime(time.toMillis(), TimeUnit.MILLISECONDS);
        wallClock.addAndGet(time.toMillis());
        generator.onPeriodicEmit(output);
    }

    private static void cdr(WatermarkGenerator<InputRecord> generator, long startMs, RecordingOutput output) {
        InputRecord record = InputRecord.parsed("test", 0, Cdr.newBuilder().setCallId("c" + startMs)
                .setLine("12345").setStartTime(Instant.ofEpochMilli(startMs))
                .setEndTime(Instant.ofEpochMilli(startMs + 60_000)).build());
        generator.onEvent(record, CdrWatermarks.eventTime(record), output);
    }

    @Test
    void aGeneratorThatNeverSeesARecordNeverAdvancesEventTimeAndIsIdleOnceStalled() {
        // Flink builds one such generator per source reader for its main output: before the fix it
        // pushed event time to the wall clock for the whole source, however busy the partitions.
        WatermarkGenerator<InputRecord> mainOutput = partitionGenerator();
        RecordingOutput output = new RecordingOutput();
        pass(STALLED.minusMillis(1), mainOutput, output);
        assertThat(output.idle).as("nothing delivered yet: a consumer may still be connecting").isFalse();
        pass(Duration.ofMillis(1), mainOutput, output);
        assertThat(output.idle).isTrue();
        assertThat(output.emitted).isEmpty();
    }

    @Test
    void aPartitionDeliveringABacklogFollowsItsRecordsHoweverOldAndWaitsOutAStall() {
        WatermarkGenerator<InputRecord> partition = partitionGenerator();
        RecordingOutput output = new RecordingOutput();
        for (int i = 0; i < 600; i++) {
            cdr(partition, BACKLOG + i * 60_000L, output);
            pass(Duration.ofSeconds(1), partition, output);
        }
        assertThat(output.idle).isFalse();
        assertThat(output.last()).isEqualTo(BACKLOG + 599 * 60_000L - DELAY.toMillis() - 1);
        assertThat(output.emitted).allSatisfy(w -> assertThat(w).isLessThan(NOW - DELAY.toMillis()));

        pass(QUIET_AFTER.multipliedBy(2), partition, output);
        assertThat(output.idle).as("a backlog that pauses (a rebalance, a broker restart) still holds event time")
                .isFalse();
        pass(STALLED, partition, output);
        assertThat(output.idle).as("but not for ever").isTrue();
    }

    @Test
    void aLivePartitionIsIdleOnceQuietAndComesBackWithItsNextRecord() {
        WatermarkGenerator<InputRecord> partition = partitionGenerator();
        RecordingOutput output = new RecordingOutput();
        long recent = NOW - 60_000;
        cdr(partition, recent, output);
        pass(QUIET_AFTER.dividedBy(2), partition, output);
        assertThat(output.idle).isFalse();
        pass(QUIET_AFTER, partition, output);
        assertThat(output.idle).as("quiet for longer than quiet_partition_after").isTrue();
        assertThat(output.last()).as("an idle partition never follows the wall clock itself")
                .isEqualTo(recent - DELAY.toMillis() - 1);

        cdr(partition, recent + 500, output);
        assertThat(output.idle).as("a record less than a step newer still brings it back").isFalse();
        pass(Duration.ofMillis(200), partition, output);
        assertThat(output.idle).isFalse();
    }

    @Test
    void timeSpentBackPressuredIsNotQuiet() {
        WatermarkGenerator<InputRecord> partition = partitionGenerator();
        RecordingOutput output = new RecordingOutput();
        cdr(partition, BACKLOG, output);
        partition.onPeriodicEmit(output);
        // Flink pauses the input-activity clock while the reader is back-pressured.
        wallClock.addAndGet(QUIET_AFTER.multipliedBy(5).toMillis());
        partition.onPeriodicEmit(output);
        partition.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
    }

    @Test
    void theClockInputFollowsTheClockMinusTheDelayAndNeverGoesBack() {
        ClockWatermarks<Long> clock = new ClockWatermarks<>(DELAY.toMillis(), wallClock::get);
        RecordingOutput output = new RecordingOutput();
        clock.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(NOW - DELAY.toMillis() - 1);
        wallClock.set(NOW - 60_000);
        clock.onPeriodicEmit(output);
        wallClock.set(NOW + 60_000);
        clock.onPeriodicEmit(output);
        assertThat(output.emitted).containsExactly(NOW - DELAY.toMillis() - 1, NOW + 60_000 - DELAY.toMillis() - 1);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aQuietSpanOfZeroIsRefused() {
        assertThatThrownBy(() -> EventTime.live(DELAY, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiet_partition_after");
    }

    private static final class RecordingOutput implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();
        boolean idle;

        long last() {
            return emitted.isEmpty() ? Long.MIN_VALUE : emitted.get(emitted.size() - 1);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
