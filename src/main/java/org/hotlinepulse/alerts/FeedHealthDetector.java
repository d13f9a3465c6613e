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
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.pipeline.DirectoryBroadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * forgotten after {@link #FORGET_UNDECLARED_AFTER} without a CDR, an open episode then resolved:
 * one stray {@code source} value must not page, or hold state, for ever.
 */
public class FeedHealthDetector extends KeyedBroadcastProcessFunction<String, FeedEvent, Directory, Alert> {
    /** DESIGN §6's default: 10 service minutes without a CDR. */
    public static final int DEFAULT_STALE_MINUTES = 10;
    /** CDRs are heard in steps of a second: one timer per second of traffic, not per CDR. */
    private static final long STEP_MS = 1_000;
    public static final Duration FORGET_UNDECLARED_AFTER = Duration.ofHours(24);

    private final Directory initialDirectory;
    private final long staleMs;
    private final HashSet<String> declaredFeeds;

    private transient MapState<Long, Long> latestStartByStep;
    private transient ValueState<Long> lastHeard;
    private transient ValueState<Long> openSince;
    private transient ValueState<Long> staleTimer;
    private transient MapState<String, Boolean> carried;

    /** {@code declaredFeeds} empty: every source is watched until forgotten. */
    public FeedHealthDetector(Directory directory, int staleMinutes, Collection<String> declaredFeeds) {
        this.initialDirectory = directory;
        this.staleMs = staleMinutes * 60_000L;
        this.declaredFeeds = new HashSet<>(declaredFeeds);
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
        if (!declaredFeeds.isEmpty() && !declaredFeeds.contains(cdr.source)) {
            return;
        }
        if (directory(ctx).line(cdr.line) != null) {
            carried.put(cdr.line, true);
        }
        long start = cdr.startTime;
        long watermark = ctx.timerService().currentWatermark();
        if (start <= watermark) {
            // Late, but the feed is evidently delivering: heard now.
            heard(start, watermark, ctx, out);
            reschedule(ctx);
            return;
        }
        long step = Math.addExact(start - Math.floorMod(start, STEP_MS), STEP_MS);
        Long latest = latestStartByStep.get(step);
        if (latest == null) {
            ctx.timerService().registerEventTimeTimer(step);
        }
        if (latest == null || start > latest) {
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
        if (last != null && forgetsAt(last) == timestamp && !endOfInput) {
            forget(timestamp, ctx, out);
            return;
        }
        Long scheduled = staleTimer.value();
        if (scheduled != null && scheduled == timestamp && openSince.value() == null && !endOfInput) {
            staleTimer.clear();
            if (forgetsAt(last) != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(forgetsAt(last));
            }
            Directory directory = directory(ctx);
            List<Line> lines = carriedLines(directory);
            long due = new FeedClock(lines, directory).due(last, staleMs);
            if (due != FeedClock.NEVER && due <= timestamp) {
                openSince.update(due);
                out.collect(EpisodeAlerts.feed(AlertState.FIRING, ctx.getCurrentKey(), due, null,
                        AlertSummaries.feedStale(ctx.getCurrentKey(), directory.calendar().zone(), due, last,
                                lines.size(), staleMs / 60_000)));
            } else if (due != FeedClock.NEVER) {
                ctx.timerService().registerEventTimeTimer(due);
                staleTimer.update(due);
            }
            return;
        }
        reschedule(ctx);
    }

    /** When a feed last heard at {@code last} is forgotten: never for a declared feed. */
    private long forgetsAt(long last) {
        return declaredFeeds.isEmpty() ? last + FORGET_UNDECLARED_AFTER.toMillis() : Long.MAX_VALUE;
    }

    private void forget(long at, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long since = openSince.value();
        if (since != null) {
            out.collect(EpisodeAlerts.feed(AlertState.RESOLVED, ctx.getCurrentKey(), since, Instant.ofEpochMilli(at),
                    AlertSummaries.feedForgotten(ctx.getCurrentKey(), directory(ctx).calendar().zone(), since,
                            FORGET_UNDECLARED_AFTER.toHours())));
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
        Long last = lastHeard.value();
        if (last == null || start > last) {
            lastHeard.update(start);
        }
        Long since = openSince.value();
        if (since != null) {
            long end = Math.max(endsAt, since);
            out.collect(EpisodeAlerts.feed(AlertState.RESOLVED, ctx.getCurrentKey(), since, Instant.ofEpochMilli(end),
                    AlertSummaries.feedResolved(ctx.getCurrentKey(), directory(ctx).calendar().zone(), since, end)));
            openSince.clear();
        }
    }

    /**
     * Keeps one timer at the earliest moment the feed could be stale: {@code staleMinutes} after
     * it was last heard (the timer then walks the service hours for the exact moment).
     */
    private void reschedule(ReadOnlyContext ctx) throws Exception {
        Long last = lastHeard.value();
        if (last == null || openSince.value() != null) {
            return;
        }
        Long scheduled = staleTimer.value();
        long next = SaturatingTime.plus(last, staleMs);
        if (next == Long.MAX_VALUE || (scheduled != null && scheduled >= next)) {
            return;
        }
        if (scheduled != null) {
            ctx.timerService().deleteEventTimeTimer(scheduled);
        }
        ctx.timerService().registerEventTimeTimer(next);
        staleTimer.update(next);
    }

    private List<Line> carriedLines(Directory directory) throws Exception {
        List<Line> lines = new ArrayList<>();
        for (String number : carried.keys()) {
            Line line = directory.line(number);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }
}
