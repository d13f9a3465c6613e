package org.hotlinepulse.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.pipeline.DirectoryBroadcast;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FEED_STALE (contract §6), keyed by {@code source}. Every CDR of the feed, probes and unknown
 * numbers included, counts as the feed heard at its start_time once the watermark has passed
 * that time (CDRs run ahead of the watermark, so "the latest start seen" would hear the future);
 * an event-time timer fires the alert once nothing has been heard for {@code staleMinutes} of
 * time in which any line the feed has carried is in service, and the next CDR resolves it. As
 * for the line rules, nothing fires at the end of a bounded input.
 *
 * <p>Which feeds are watched: the declared ones when the job configuration lists them (CDRs of
 * any other source then hold no state here), else every source seen. An undeclared feed is
 * forgotten after {@link FeedHealth#FORGET_UNDECLARED_AFTER} without a CDR, an open episode then
 * resolved: one stray {@code source} value must not page, or hold state, for ever.
 *
 * <p>The decisions are {@link FeedHealth}'s; this function keeps their state ({@link FeedWatch}
 * and the lines carried) and timers: one per second of traffic, one for the next check and one
 * for forgetting.
 */
public class FeedHealthDetector extends KeyedBroadcastProcessFunction<String, FeedEvent, Directory, Alert> {
    /** contract §6's default: 10 service minutes without a CDR. */
    public static final int DEFAULT_STALE_MINUTES = 10;

    /** The directory at start, until a version arrives; {@link DirectoryBroadcast#shared} once open. */
    private Directory initialDirectory;
    private final FeedHealth rules;

    private transient ValueState<FeedWatch> watches;
    private transient MapState<String, Boolean> carried;
    /**
     * The lines this instance has put into {@link #carried}, per feed: every CDR of a feed names a
     * line, and nearly always one already recorded. Not checkpointed: after a restore a line is
     * put once more, which changes nothing.
     */
    private transient Map<String, Set<String>> recordedCarried;

    /** {@code declaredFeeds} empty: every source is watched until forgotten. */
    public FeedHealthDetector(Directory directory, int staleMinutes, Collection<String> declaredFeeds) {
        this.initialDirectory = directory;
        this.rules = new FeedHealth(staleMinutes, declaredFeeds);
    }

    @Override
    public void open(OpenContext openContext) {
        initialDirectory = DirectoryBroadcast.shared(initialDirectory);
        watches = getRuntimeContext().getState(new ValueStateDescriptor<>("feed-watch", Types.POJO(FeedWatch.class)));
        carried = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("lines-carried", Types.STRING, Types.BOOLEAN));
        recordedCarried = new HashMap<>();
    }

    @Override
    public void processBroadcastElement(Directory directory, Context ctx, Collector<Alert> out) throws Exception {
        DirectoryBroadcast.set(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), directory);
    }

    @Override
    public void processElement(FeedEvent cdr, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (!rules.watches(cdr.source)) {
            return;
        }
        Set<String> recorded = recordedCarried.computeIfAbsent(cdr.source, source -> new HashSet<>());
        if (!recorded.contains(cdr.line) && FeedHealth.carries(directory(ctx), cdr.line)) {
            carried.put(cdr.line, true);
            recorded.add(cdr.line);
        }
        FeedWatch watch = watch();
        long start = cdr.startTime;
        long watermark = ctx.timerService().currentWatermark();
        if (FeedHealth.isHeardAtOnce(start, watermark)) {
            heard(watch, start, watermark, ctx, out);
            reschedule(watch, ctx);
        } else {
            long step = FeedHealth.heardAtStep(start);
            if (watch.await(step, start)) {
                ctx.timerService().registerEventTimeTimer(step);
            }
        }
        watches.update(watch);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        FeedWatch watch = watches.value();
        if (watch == null) {
            // A forget timer of an earlier last-heard moment, for a feed forgotten since.
            return;
        }
        long latest = watch.take(timestamp);
        if (latest != FeedWatch.NONE) {
            heard(watch, latest, latest, ctx, out);
        }
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (rules.isForgottenAt(watch.lastHeard, timestamp) && !endOfInput) {
            forget(watch, timestamp, ctx, out);
            return;
        }
        if (watch.staleCheck == timestamp && !watch.isOpen() && !endOfInput) {
            check(watch, timestamp, ctx, out);
        } else {
            reschedule(watch, ctx);
        }
        watches.update(watch);
    }

    private FeedWatch watch() throws Exception {
        FeedWatch watch = watches.value();
        return watch != null ? watch : new FeedWatch();
    }

    /** The stale check has come: the feed is stale now, or the check moves to when it will be. */
    private void check(FeedWatch watch, long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        watch.staleCheck = FeedWatch.NONE;
        long last = watch.lastHeard;
        if (rules.forgetsAt(last) != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(rules.forgetsAt(last));
        }
        Directory directory = directory(ctx);
        List<Line> lines = FeedHealth.carriedLines(carried.keys(), directory);
        long due = rules.staleAt(last, lines, directory);
        if (FeedHealth.isStale(due, timestamp)) {
            watch.openSince = due;
            out.collect(rules.stale(ctx.getCurrentKey(), directory, due, last, lines.size()));
        } else if (due != FeedClock.NEVER) {
            ctx.timerService().registerEventTimeTimer(due);
            watch.staleCheck = due;
        }
    }

    private void forget(FeedWatch watch, long at, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (watch.isOpen()) {
            out.collect(FeedHealth.forgotten(ctx.getCurrentKey(), directory(ctx), watch.openSince, at));
        }
        if (watch.staleCheck != FeedWatch.NONE) {
            ctx.timerService().deleteEventTimeTimer(watch.staleCheck);
        }
        for (long step : watch.pendingSteps()) {
            ctx.timerService().deleteEventTimeTimer(step);
        }
        watches.clear();
        carried.clear();
        recordedCarried.remove(ctx.getCurrentKey());
    }

    /** The feed was heard at {@code start}; an open episode ends at {@code endsAt}. */
    private void heard(FeedWatch watch, long start, long endsAt, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        watch.heard(start);
        if (watch.isOpen()) {
            out.collect(FeedHealth.resolved(ctx.getCurrentKey(), directory(ctx), watch.openSince, endsAt));
            watch.openSince = FeedWatch.NONE;
        }
    }

    /** Keeps one timer at the earliest moment the feed could be stale. */
    private void reschedule(FeedWatch watch, ReadOnlyContext ctx) {
        if (!watch.isHeard() || watch.isOpen()) {
            return;
        }
        long next = rules.firstCheckAt(watch.lastHeard);
        if (!FeedHealth.movesCheck(watch.staleCheck, next)) {
            return;
        }
        if (watch.staleCheck != FeedWatch.NONE) {
            ctx.timerService().deleteEventTimeTimer(watch.staleCheck);
        }
        ctx.timerService().registerEventTimeTimer(next);
        watch.staleCheck = next;
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }
}
