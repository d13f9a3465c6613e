package org.hotlinepulse.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.pipeline.OneTimerPerKey;
import org.hotlinepulse.pipeline.PipelineCounters;

import java.time.Duration;
import java.util.List;

/**
 * The line-health rules of contract §6 for one number at a time (keyed by line), with the
 * directory as broadcast state. Calls wait in state until the watermark has passed their
 * start_time, so that the rules ({@link LineHealth}) see every call of a line in start_time order
 * and only once every CDR that started before it is known; a call that arrives after that is
 * late for the rules and only counted. Rules that act without input (SILENT, the end of
 * UNKNOWN_LINE) run at the moment {@link LineHealth#nextTimer} names; the state of a number
 * missing from the directory is dropped once nothing in it can matter.
 *
 * <p>A key has one event-time timer, at the earliest of its waiting calls and its rules' next
 * moment, and one state value ({@link LineWatch}). When the timer fires, everything due up to the
 * current watermark is judged in event-time order, calls before a rule moment that falls on the
 * same millisecond: a backlog's watermark jumps by minutes, and judging per timer would cost a
 * timer and a state read per call.
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

    /** The directory at start, until a version arrives; {@link DirectoryBroadcast#shared} once open. */
    private Directory initialDirectory;
    private final AlertThresholds thresholds;
    private final long watermarkLagMs;

    private transient ValueState<LineWatch> watch;
    private transient PipelineCounters counters;
    private transient long unknownNumbersWatched;
    private transient ListState<Long> unknownNumbersWatchedState;

    /**
     * @param thresholds the job-wide thresholds; each line's own overrides are merged in
     * @param watermarkLag how far the job's watermark trails the event time it was derived from
     */
    public LineHealthDetector(Directory directory, AlertThresholds thresholds, Duration watermarkLag) {
        this.initialDirectory = directory;
        this.thresholds = thresholds;
        this.watermarkLagMs = watermarkLag.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        initialDirectory = DirectoryBroadcast.shared(initialDirectory);
        watch = getRuntimeContext().getState(new ValueStateDescriptor<>("line-watch", Types.POJO(LineWatch.class)));
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
        LineWatch w = watch.value();
        // After a restore a CDR already late for the rules stays late (contract §6).
        long watermark = ctx.timerService().currentWatermark();
        if (w != null) {
            watermark = Math.max(watermark, w.passed);
        }
        if (event.isListing()) {
            // A listing can reach a line after the end of a bounded input (the directory joins
            // whenever it arrives); in replay nothing is judged then (contract §6).
            if ((w == null || !w.watched) && watermark != Long.MAX_VALUE) {
                w = w != null ? w : new LineWatch();
                w.watched = true;
                if (watermark == AWAITING_FIRST_WATERMARK) {
                    // A line listed before any CDR has moved event time is watched from the event
                    // time of the first watermark: the earliest the job knows (contract §6, SILENT).
                    w.watchedSince = AWAITING_FIRST_WATERMARK;
                    w.ruleDue = AWAITING_FIRST_WATERMARK + 1;
                } else {
                    w.watchedSince = eventTimeOf(watermark);
                    w.ruleDue = w.health.nextTimer(context(ctx, w));
                }
                schedule(w, ctx);
                watch.update(w);
            }
            return;
        }
        if (event.call.startTime() <= watermark) {
            counters.lateForRules.add(1);
            return;
        }
        if (w == null) {
            // The directory only for a key without state: for a listed line, the common case, it has state.
            if (directory(ctx).line(ctx.getCurrentKey()) == null) {
                if (unknownNumbersWatched >= MAX_UNKNOWN_NUMBERS) {
                    counters.unknownNumbersUnwatched.add(1);
                    return;
                }
                unknownNumbersWatched++;
            }
            w = new LineWatch();
        }
        w.await(event.call);
        schedule(w, ctx);
        watch.update(w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        LineWatch w = watch.value();
        w.timer = LineWatch.NONE;
        long watermark = ctx.timerService().currentWatermark();
        // The end of a bounded input moves the watermark to the end of time; in replay "now" is
        // the last real watermark, so nothing may fire for want of input then (contract §6).
        boolean endOfInput = watermark == Long.MAX_VALUE;
        if (w.watched && w.watchedSince == AWAITING_FIRST_WATERMARK && !endOfInput) {
            w.watchedSince = eventTimeOf(watermark);
        }
        LineContext context = context(ctx, w);
        while (true) {
            long rule = endOfInput ? LineWatch.NONE : w.ruleDue;
            long t = Math.min(w.firstWaiting(), rule);
            if (t == LineWatch.NONE || t > watermark) {
                break;
            }
            int revision = w.health.nextTimerRevision();
            if (w.firstWaiting() == t) {
                for (Attempt call : w.takeFirstWaiting()) {
                    w.health.onAttempt(call, context).forEach(out::collect);
                }
            }
            if (rule == t) {
                w.health.onTimer(t, context).forEach(out::collect);
            }
            w.passed = Math.max(w.passed, t);
            if (w.waiting.length == 0 && w.health.isForgettable(context, t)) {
                forget(w, ctx);
                return;
            }
            // Unless the revision moved, a call only moves the rules' next moment later: the moment
            // kept is a lower bound, and reaching it early changes nothing (LineHealth#onTimer). So
            // the service-hours walk runs per rule moment and learned hour, not per call.
            if (rule == t || w.ruleDue == LineWatch.NONE || w.health.nextTimerRevision() != revision) {
                w.ruleDue = Math.max(w.health.nextTimer(context), t + 1);
            }
        }
        w.passed = Math.max(w.passed, timestamp);
        if (endOfInput) {
            w.ruleDue = LineWatch.NONE;
        }
        schedule(w, ctx);
        watch.update(w);
    }

    /** Keeps one timer for the key, at its first waiting call or its rules' next moment. */
    private static void schedule(LineWatch w, ReadOnlyContext ctx) {
        w.timer = OneTimerPerKey.move(ctx.timerService(), w.timer, Math.min(w.firstWaiting(), w.ruleDue));
    }

    private void forget(LineWatch w, OnTimerContext ctx) {
        OneTimerPerKey.move(ctx.timerService(), w.timer, OneTimerPerKey.NONE);
        watch.clear();
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

    /**
     * The event time a watermark stands for: the watermark trails the start_time of the record
     * (or, live, the clock reading) it was derived from by {@code watermarkLag}. In replay the
     * first watermark thus gives the first record's start_time, not 10 minutes before it.
     */
    private long eventTimeOf(long watermark) {
        return SaturatingTime.plus(watermark, watermarkLagMs);
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }

    private LineContext context(ReadOnlyContext ctx, LineWatch w) throws Exception {
        return LineContext.of(ctx.getCurrentKey(), directory(ctx), thresholds,
                w.watched ? w.watchedSince : Long.MIN_VALUE);
    }
}
