package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableSupplier;
import org.hotlinepulse.cdr.InputRecord;

import java.time.Duration;

/**
 * How the job's event time advances (contract §4, §6).
 *
 * <p>In {@code replay} it moves with the CDRs alone. In live mode each Kafka partition has its own
 * watermark, driven by its CDRs only ({@link PartitionWatermarks}); a partition that has been quiet
 * for {@code quiet_partition_after} (ten times that while it is reading a backlog, or has delivered
 * nothing since the job started) is idle and holds nothing back; and a clock input, the wall clock
 * minus max_out_of_orderness, joins the CDRs before the first keyBy. So a partition that is
 * delivering a backlog, however old, follows its records exactly as a replay of them would, and
 * once every partition is idle event time follows the clock, which lets windows close and SILENT
 * and FEED_STALE fire with no input. Event time never runs ahead of the clock: a PBX writing times
 * from the future cannot drag it along for every other line.
 *
 * <p>Wall-clock behaviour must not hide in the partitions' generators: Flink creates one more
 * generator per source reader than it has partitions (for the reader's main output), which sees
 * no record, and one that advanced with the clock when quiet advanced the whole source.
 */
public final class EventTime {
    /**
     * A partition that is behind the clock (a backlog being read) or has delivered nothing yet is
     * idle only after this many times quiet_partition_after (see {@link PartitionWatermarks}).
     */
    public static final int STALLED_PARTITION_FACTOR = 10;

    private final WatermarkStrategy<InputRecord> cdrWatermarks;
    private final WatermarkStrategy<Long> clockWatermarks;
    private final Duration watermarkLag;

    private EventTime(WatermarkStrategy<InputRecord> cdrWatermarks, WatermarkStrategy<Long> clockWatermarks,
                      Duration maxOutOfOrderness) {
        this.cdrWatermarks = cdrWatermarks;
        this.clockWatermarks = clockWatermarks;
        // Every generator here emits (latest event time) - max_out_of_orderness - 1 ms.
        this.watermarkLag = maxOutOfOrderness.plusMillis(1);
    }

    /** For bounded runs over files: event time moves only with the input. */
    public static EventTime ofInput(Duration maxOutOfOrderness) {
        return new EventTime(inputWatermarks(maxOutOfOrderness), null, maxOutOfOrderness);
    }

    /** For the live job: per partition, idle partitions left out, the wall clock when all are idle. */
    public static EventTime live(Duration maxOutOfOrderness, Duration quietPartitionAfter) {
        return live(maxOutOfOrderness, quietPartitionAfter, System::currentTimeMillis);
    }

    /**
     * As {@link #live(Duration, Duration)}, with {@code clock} in place of the wall clock:
     * {@code demo} runs simulated time faster than real time. {@code quietPartitionAfter} is real
     * time whatever the clock.
     */
    public static EventTime live(Duration maxOutOfOrderness, Duration quietPartitionAfter,
                                 SerializableSupplier<Long> clock) {
        if (quietPartitionAfter.isNegative() || quietPartitionAfter.isZero()) {
            throw new IllegalArgumentException("quiet_partition_after must be positive, not " + quietPartitionAfter);
        }
        long delayMs = maxOutOfOrderness.toMillis();
        long quietMs = quietPartitionAfter.toMillis();
        long stalledMs = quietPartitionAfter.multipliedBy(STALLED_PARTITION_FACTOR).toMillis();
        return new EventTime(timestamped(WatermarkStrategy.forGenerator(context -> new PartitionWatermarks<>(
                        delayMs, quietMs, stalledMs, context.getInputActivityClock(), clock::get))),
                WatermarkStrategy.forGenerator(context -> new ClockWatermarks<>(delayMs, clock::get)),
                maxOutOfOrderness);
    }

    private static WatermarkStrategy<InputRecord> inputWatermarks(Duration maxOutOfOrderness) {
        long delayMs = maxOutOfOrderness.toMillis();
        return timestamped(WatermarkStrategy.forGenerator(context -> new InputWatermarks<>(delayMs)));
    }

    private static WatermarkStrategy<InputRecord> timestamped(WatermarkStrategy<InputRecord> watermarks) {
        return watermarks.withTimestampAssigner((record, previous) -> CdrWatermarks.eventTime(record));
    }

    /**
     * How far a watermark trails the event time it was derived from (a record's start_time or a
     * reading of the clock): a watermark W says that event time W + lag has been seen.
     */
    public Duration watermarkLag() {
        return watermarkLag;
    }

    /** The watermarks of the CDR source. */
    WatermarkStrategy<InputRecord> cdrWatermarks() {
        return cdrWatermarks;
    }

    /** {@code cdrs} joined by the clock input in live mode (it carries no records), as they are otherwise. */
    DataStream<InputRecord> withClock(DataStream<InputRecord> cdrs) {
        if (clockWatermarks == null) {
            return cdrs;
        }
        // The ticks only keep the clock's source alive; its watermark is what joins the CDRs.
        DataStream<InputRecord> clock = cdrs.getExecutionEnvironment()
                .fromSource(new DataGeneratorSource<>(tick -> tick, Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(1), Types.LONG), clockWatermarks, "clock")
                .uid("clock").setParallelism(1)
                .flatMap(new DropTicks(), TypeInformation.of(InputRecord.class))
                .name("clock watermark").uid("clock-watermark").setParallelism(1);
        return cdrs.union(clock);
    }

    private static final class DropTicks implements FlatMapFunction<Long, InputRecord> {
        @Override
        public void flatMap(Long tick, Collector<InputRecord> out) {}
    }
}
