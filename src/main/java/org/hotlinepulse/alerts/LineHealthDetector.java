package org.hotlinepulse.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.pipeline.PipelineCounters;
import org.hotlinepulse.pipeline.PassedWatermark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The line-health rules of DESIGN §6 for one number at a time (keyed by line), with the
 * directory as broadcast state. Calls wait in state until the watermark has passed their
 * start_time, so that the rules ({@link LineHealth}) see every call of a line in start_time order
 * and only once every CDR that started before it is known; a call that arrives after that is
 * late for the rules and only counted. Rules that act without input (SILENT, the end of
 * UNKNOWN_LINE) run on an event-time timer at the moment {@link LineHealth#nextTimer} names;
 * the state of a number missing from the directory is dropped once nothing in it can matter.
 *
 * <p>Numbers missing from the directory are anyone's to invent, so each parallel instance
 * watches at most {@link #MAX_UNKNOWN_NUMBERS} of them at a time; CDRs to further ones are
 * counted ({@link PipelineCounters#UNKNOWN_NUMBERS_UNWATCHED}) and still make their metrics, but
 * no UNKNOWN_LINE. The count is kept across restarts and rescaling as an estimate (the sum over
 * the instances, shared out evenly): a bound on memory, not an exact quota.
 */
public class LineHealthDetector extends KeyedBroadcastProcessFunction<String, LineEvent, Directory, Alert>
        implements CheckpointedFunction {
    /** watchedSince before the job's first watermark has arrived. */
    private static final long AWAITING_FIRST_WATERMARK = Long.MIN_VALUE;
    /** A few hundred bytes of state each: tens of megabytes per instance at most. */
    public static final int MAX_UNKNOWN_NUMBERS = 50_000;

    private final Directory initialDirectory;
    private final AlertThresholds thresholds;
    private final int shortAbandonSeconds;
    private final long watermarkLagMs;

    private transient ValueState<LineHealth> health;
    private transient MapState<Long, List<Cdr>> waiting;
    private transient ValueState<Long> ruleTimer;
    private transient ValueState<Long> watchedSince;
    private transient PipelineCounters counters;
    private transient PassedWatermark passed;
    private transient long unknownNumbersWatched;
    private transient ListState<Long> unknownNumbersWatchedState;

    /**
     * @param thresholds the job-wide thresholds; each line's own overrides are merged in
     * @param shortAbandonSeconds an ABANDONED call with a shorter wait is a short abandon
     * @param watermarkLag how far the job's watermark trails the event time it was derived from
     */
    public LineHealthDetector(Directory directory, AlertThresholds thresholds, int shortAbandonSeconds,
                              Duration watermarkLag) {
        this.initialDirectory = directory;
        this.thresholds = thresholds;
        this.shortAbandonSeconds = shortAbandonSeconds;
        this.watermarkLagMs = watermarkLag.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        health = getRuntimeContext().getState(
                new ValueStateDescriptor<>("line-health", Types.POJO(LineHealth.class)));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "calls-awaiting-watermark", Types.LONG, Types.LIST(new AvroTypeInfo<>(Cdr.class))));
        ruleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("rule-timer", Types.LONG));
        watchedSince = getRuntimeContext().getState(new ValueStateDescriptor<>("watched-since", Types.LONG));
        passed = new PassedWatermark(getRuntimeContext());
        counters = new PipelineCounters(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(Directory directory, Context ctx, Collector<Alert> out)
            throws Exception {
        DirectoryBroadcast.set(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), directory);
    }

    @Override
    public void processElement(LineEvent event, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        // After a restore a CDR already late for the rules stays late (DESIGN §6).
        long watermark = passed.current(ctx.timerService());
        if (event.isListing()) {
            // A listing can reach a line after the end of a bounded input (the directory joins
            // whenever it arrives); in replay nothing is judged then (DESIGN §6).
            if (watchedSince.value() == null && watermark != Long.MAX_VALUE) {
                // A line listed before any CDR has moved event time is watched from the event
                // time of the first watermark: the earliest the job knows (DESIGN §6, SILENT).
                if (watermark == AWAITING_FIRST_WATERMARK) {
                    watchedSince.update(AWAITING_FIRST_WATERMARK);
                    ctx.timerService().registerEventTimeTimer(AWAITING_FIRST_WATERMARK + 1);
                } else {
                    watchedSince.update(eventTimeOf(watermark));
                    reschedule(health(), context(ctx, directory(ctx)), ctx);
                }
            }
            return;
        }
        long start = event.cdr.getStartTime().toEpochMilli();
        if (start <= watermark) {
            counters.lateForRules.add(1);
            return;
        }
        // The directory first: for a listed line, the common case, no state is read here.
        if (directory(ctx).line(ctx.getCurrentKey()) == null && health.value() == null && waiting.isEmpty()) {
            if (unknownNumbersWatched >= MAX_UNKNOWN_NUMBERS) {
                counters.unknownNumbersUnwatched.add(1);
                return;
            }
            unknownNumbersWatched++;
        }
        List<Cdr> sameStart = waiting.get(start);
        if (sameStart == null) {
            sameStart = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(start);
        }
        sameStart.add(event.cdr);
        waiting.put(start, sameStart);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        passed.timerFired(timestamp);
        long watermark = ctx.timerService().currentWatermark();
        // The end of a bounded input moves the watermark to the end of time; in replay "now" is
        // the last real watermark, so nothing may fire for want of input then (DESIGN §6).
        boolean endOfInput = watermark == Long.MAX_VALUE;
        Long since = watchedSince.value();
        if (since != null && since == AWAITING_FIRST_WATERMARK && !endOfInput) {
            watchedSince.update(eventTimeOf(watermark));
        }
        LineHealth state = health();
        LineContext context = context(ctx, directory(ctx));
        List<Cdr> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            for (Cdr cdr : due) {
                state.onAttempt(Attempt.of(cdr, shortAbandonSeconds), context).forEach(out::collect);
            }
        }
        Long scheduled = ruleTimer.value();
        if (scheduled != null && scheduled == timestamp && !endOfInput) {
            state.onTimer(timestamp, context).forEach(out::collect);
        }
        if (waiting.isEmpty() && state.isForgettable(context, timestamp)) {
            forget(ctx);
            return;
        }
        health.update(state);
        reschedule(state, context, ctx);
    }

    private void forget(OnTimerContext ctx) throws Exception {
        Long scheduled = ruleTimer.value();
        if (scheduled != null && scheduled != ctx.timestamp()) {
            ctx.timerService().deleteEventTimeTimer(scheduled);
        }
        health.clear();
        ruleTimer.clear();
        watchedSince.clear();
        passed.forget();
        unknownNumbersWatched = Math.max(0, unknownNumbersWatched - 1);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        unknownNumbersWatchedState.update(List.of(unknownNumbersWatched));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        unknownNumbersWatchedState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("unknown-numbers-watched", Types.LONG));
        long total = 0;
        for (long count : unknownNumbersWatchedState.get()) {
            total += count;
        }
        unknownNumbersWatched = total / getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    }

    private void reschedule(LineHealth state, LineContext context, ReadOnlyContext ctx) throws Exception {
        long next = state.nextTimer(context);
        Long scheduled = ruleTimer.value();
        if (scheduled != null && scheduled == next) {
            return;
        }
        if (scheduled != null) {
            ctx.timerService().deleteEventTimeTimer(scheduled);
        }
        if (next == Long.MAX_VALUE) {
            ruleTimer.clear();
        } else {
            ctx.timerService().registerEventTimeTimer(next);
            ruleTimer.update(next);
        }
    }

    /**
     * The event time a watermark stands for: the watermark trails the start_time of the record
     * (or, live, the clock reading) it was derived from by {@code watermarkLag}. In replay the
     * first watermark thus gives the first record's start_time, not 10 minutes before it.
     */
    private long eventTimeOf(long watermark) {
        return SaturatingTime.plus(watermark, watermarkLagMs);
    }

    private LineHealth health() throws Exception {
        LineHealth state = health.value();
        return state != null ? state : new LineHealth();
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }

    private LineContext context(ReadOnlyContext ctx, Directory directory) throws Exception {
        Long since = watchedSince.value();
        return LineContext.of(ctx.getCurrentKey(), directory, thresholds,
                since == null ? Long.MIN_VALUE : since);
    }
}
