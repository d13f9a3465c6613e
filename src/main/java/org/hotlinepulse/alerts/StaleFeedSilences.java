package org.hotlinepulse.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page for a broken feed, not one per line (contract §6): keyed by feed, it holds back every
 * SILENT whose line was last heard on a feed that was FEED_STALE when the silence began, and the
 * RESOLVED that ends it. A SILENT (and a RESOLVED overtaking it) waits until the watermark
 * reaches its starts_at, by which time every FEED_STALE that started no later has arrived, so the
 * outcome does not depend on the order in which the two detectors' outputs interleave.
 *
 * <p>Bounds: a FEED_STALE episode is kept until the watermark passes its end (a SILENT reaches
 * this function before the watermark that fired it, so none still to come can start before
 * then); a held-back SILENT until its RESOLVED, at most one per line at a time; a SILENT waiting
 * for the watermark until it passes its starts_at.
 */
public class StaleFeedSilences extends KeyedProcessFunction<String, Alert, Alert> {
    private static final long OPEN = Long.MAX_VALUE;

    /** starts_at → ends_at ({@link #OPEN} while firing) of the feed's FEED_STALE episodes. */
    private transient MapState<Long, Long> staleEpisodes;
    private transient MapState<Long, List<Alert>> silencesAwaitingWatermark;
    private transient MapState<String, Boolean> heldBack;

    /** Whether {@code alert} goes through this function (keyed by its source label) rather than straight on. */
    public static boolean concernsAFeed(Alert alert) {
        return (alert.getType() == AlertType.SILENT || alert.getType() == AlertType.FEED_STALE)
                && alert.getLabels().containsKey(LineHealth.SOURCE_LABEL);
    }

    /** The key of an alert that {@link #concernsAFeed concerns a feed}. */
    public static String feedOf(Alert alert) {
        return alert.getLabels().get(LineHealth.SOURCE_LABEL);
    }

    @Override
    public void open(OpenContext openContext) {
        staleEpisodes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("stale-episodes", Types.LONG, Types.LONG));
        silencesAwaitingWatermark = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "silences-awaiting-watermark", Types.LONG, Types.LIST(new AvroTypeInfo<>(Alert.class))));
        heldBack = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("silences-held-back", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        long startsAt = alert.getStartsAt().toEpochMilli();
        if (alert.getType() == AlertType.FEED_STALE) {
            long endsAt = alert.getEndsAt() == null ? OPEN : alert.getEndsAt().toEpochMilli();
            staleEpisodes.put(startsAt, endsAt);
            if (endsAt != OPEN) {
                ctx.timerService().registerEventTimeTimer(endsAt);
            }
            out.collect(alert);
        } else if (startsAt <= ctx.timerService().currentWatermark()) {
            judge(alert, out);
        } else {
            // A RESOLVED can overtake the watermark too; it waits with its FIRING, behind it.
            List<Alert> due = silencesAwaitingWatermark.get(startsAt);
            if (due == null) {
                due = new ArrayList<>(1);
                ctx.timerService().registerEventTimeTimer(startsAt);
            }
            due.add(alert);
            silencesAwaitingWatermark.put(startsAt, due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Alert> due = silencesAwaitingWatermark.get(timestamp);
        if (due != null) {
            silencesAwaitingWatermark.remove(timestamp);
            for (Alert silent : due) {
                judge(silent, out);
            }
        }
        forgetEpisodesEndedBy(timestamp);
    }

    private void forgetEpisodesEndedBy(long t) throws Exception {
        List<Long> ended = new ArrayList<>();
        for (Map.Entry<Long, Long> episode : staleEpisodes.entries()) {
            if (episode.getValue() <= t) {
                ended.add(episode.getKey());
            }
        }
        // One by one: the map state releases its key with its last entry.
        for (long startsAt : ended) {
            staleEpisodes.remove(startsAt);
        }
    }

    private void judge(Alert silent, Collector<Alert> out) throws Exception {
        if (silent.getState() == AlertState.RESOLVED) {
            if (heldBack.contains(silent.getId())) {
                heldBack.remove(silent.getId());
            } else {
                out.collect(silent);
            }
        } else if (wasStaleAt(silent.getStartsAt().toEpochMilli())) {
            heldBack.put(silent.getId(), true);
        } else {
            out.collect(silent);
        }
    }

    private boolean wasStaleAt(long t) throws Exception {
        for (Map.Entry<Long, Long> episode : staleEpisodes.entries()) {
            if (episode.getKey() <= t && t < episode.getValue()) {
                return true;
            }
        }
        return false;
    }
}
