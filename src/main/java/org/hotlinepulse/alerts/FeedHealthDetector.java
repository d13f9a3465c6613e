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
import java.util.List;

/**
 * FEED_STALE (DESIGN §6), keyed by {@code source}. Every CDR of the feed, probes and unknown
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
 * <p>The decisions are {@link FeedHealth}'s; this function keeps their state and timers.
 */
public class FeedHealthDetector extends KeyedBroadcastProcessFunction<String, FeedEvent, Directory, Alert> {
    /** DESIGN §6's default: 10 service minutes without a CDR. */
    public static final int DEFAULT_STALE_MINUTES = 10;

    private final Directory initialDirectory;
    private final FeedHealth rules;

    private transient MapState<Long, Long> latestStartByStep;
    private transient ValueState<Long> lastHeard;
    private transient ValueState<Long> openSince;
    private transient ValueState<Long> staleTimer;
    private transient MapState<String, Boolean> carried;

    /** {@code declaredFeeds} empty: every source is watched until forgotten. */
    public FeedHealthDetector(Directory directory, int staleMinutes, Collection<String> declaredFeeds) {
        this.initialDirectory = directory;
        this.rules = new FeedHealth(staleMinutes, declaredFeeds);
    }

    @Override
    public void open(OpenContext openContext) {
        latestStartByStep = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("cdrs-awaiting-watermark", Types.LONG, Types.LONG));
        lastHeard = getRuntimeContext().getState(new ValueStateDescriptor<>("last-heard", Types.LONG));
        openSince = getRuntimeContext().getState(new ValueStateDescriptor<>("stale-since", Types.LONG));
        staleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("stale-timer", Types.LONG));
        carried = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("lines-carried", Types.STRING, Types.BOOLEAN));
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
        if (FeedHealth.carries(directory(ctx), cdr.line)) {
            carried.put(cdr.line, true);
        }
        long start = cdr.startTime;
        long watermark = ctx.timerService().currentWatermark();
        if (FeedHealth.isHeardAtOnce(start, watermark)) {
            heard(start, watermark, ctx, out);
            reschedule(ctx);
            return;
        }
        long step = FeedHealth.heardAtStep(start);
        Long latest = latestStartByStep.get(step);
        if (latest == null) {
            ctx.timerService().registerEventTimeTimer(step);
        }
        if (FeedHealth.isLater(start, latest)) {
            latestStartByStep.put(step, start);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long latest = latestStartByStep.get(timestamp);
        if (latest != null) {
            latestStartByStep.remove(timestamp);
            heard(latest, latest, ctx, out);
        }
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        Long last = lastHeard.value();
        if (rules.isForgottenAt(last, timestamp) && !endOfInput) {
            forget(timestamp, ctx, out);
            return;
        }
        Long scheduled = staleTimer.value();
        if (scheduled != null && scheduled == timestamp && openSince.value() == null && !endOfInput) {
            check(last, timestamp, ctx, out);
            return;
        }
        reschedule(ctx);
    }

    /** The stale timer has fired: the feed is stale now, or the timer moves to when it will be. */
    private void check(long last, long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        staleTimer.clear();
        if (rules.forgetsAt(last) != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(rules.forgetsAt(last));
        }
        Directory directory = directory(ctx);
        List<Line> lines = FeedHealth.carriedLines(carried.keys(), directory);
        long due = rules.staleAt(last, lines, directory);
        if (FeedHealth.isStale(due, timestamp)) {
            openSince.update(due);
            out.collect(rules.stale(ctx.getCurrentKey(), directory, due, last, lines.size()));
        } else if (due != FeedClock.NEVER) {
            ctx.timerService().registerEventTimeTimer(due);
            staleTimer.update(due);
        }
    }

    private void forget(long at, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long since = openSince.value();
        if (since != null) {
            out.collect(FeedHealth.forgotten(ctx.getCurrentKey(), directory(ctx), since, at));
        }
        Long scheduled = staleTimer.value();
        if (scheduled != null) {
            ctx.timerService().deleteEventTimeTimer(scheduled);
        }
        lastHeard.clear();
        openSince.clear();
        staleTimer.clear();
        carried.clear();
        latestStartByStep.clear();
    }

    /** The feed was heard at {@code start}; an open episode ends at {@code endsAt}. */
    private void heard(long start, long endsAt, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (FeedHealth.isLater(start, lastHeard.value())) {
            lastHeard.update(start);
        }
        Long since = openSince.value();
        if (since != null) {
            out.collect(FeedHealth.resolved(ctx.getCurrentKey(), directory(ctx), since, endsAt));
            openSince.clear();
        }
    }

    /** Keeps one timer at the earliest moment the feed could be stale. */
    private void reschedule(ReadOnlyContext ctx) throws Exception {
        Long last = lastHeard.value();
        if (last == null || openSince.value() != null) {
            return;
        }
        Long scheduled = staleTimer.value();
        long next = rules.firstCheckAt(last);
        if (!FeedHealth.movesCheck(scheduled, next)) {
            return;
        }
        if (scheduled != null) {
            ctx.timerService().deleteEventTimeTimer(scheduled);
        }
        ctx.timerService().registerEventTimeTimer(next);
        staleTimer.update(next);
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }
}
