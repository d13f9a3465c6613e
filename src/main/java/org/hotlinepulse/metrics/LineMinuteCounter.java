package org.hotlinepulse.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.job.PipelineCounters;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The one keyed state update per CDR: keyed by line, it drops repeats of a call_id, sets aside
 * records past allowed lateness, and adds each counted CDR to its line's minute. When the
 * watermark passes a minute it sends the minute's {@link MinuteCounts} on; a late CDR (minute
 * already sent, still within allowed lateness) is sent on at once as a delta of its own.
 *
 * <p>A CDR is late for every window when its minute's end plus allowed lateness has passed
 * the watermark, so that it is counted in all windows or in none and the hour always equals
 * the sum of its minutes.
 */
public class LineMinuteCounter extends KeyedProcessFunction<String, InputRecord, MinuteCounts> {
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late") {};

    static final long MINUTE_MS = 60_000;
    private static final long CLEANUP_BUCKET_MS = 3_600_000;

    private final Directory directory;
    private final MetricSettings settings;
    private final long allowedLatenessMs;
    private final long duplicateHorizonMs;

    private transient MapState<Long, Counts> minutes;
    private transient MapState<String, Long> seenCallStarts;
    private transient PipelineCounters counters;

    public LineMinuteCounter(Directory directory, MetricSettings settings, Duration allowedLateness,
                             Duration duplicateHorizon) {
        this.directory = directory;
        this.settings = settings;
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.duplicateHorizonMs = duplicateHorizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("minutes", Types.LONG, Types.POJO(Counts.class)));
        seenCallStarts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("seen-call-ids", Types.STRING, Types.LONG));
        counters = new PipelineCounters(getRuntimeContext());
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<MinuteCounts> out)
            throws Exception {
        Cdr cdr = record.cdr;
        long start = cdr.getStartTime().toEpochMilli();
        if (isRepeat(cdr.getCallId(), start, ctx)) {
            counters.duplicate.add(1);
            return;
        }
        if (cdr.getProbe()) {
            return;
        }
        if (directory.line(cdr.getLine()) == null) {
            counters.unknownLine.add(1);
            return;
        }
        long minute = start - Math.floorMod(start, MINUTE_MS);
        long lastMs = minute + MINUTE_MS - 1;
        long watermark = ctx.timerService().currentWatermark();
        if (lastMs + allowedLatenessMs <= watermark) {
            counters.lateDropped.add(1);
            ctx.output(LATE, new DeadLetter(record.origin, record.position,
                    "start_time " + cdr.getStartTime() + " is past allowed lateness (watermark "
                            + Instant.ofEpochMilli(watermark) + ")",
                    CdrJson.toJson(cdr)));
            return;
        }
        if (lastMs <= watermark) {
            out.collect(new MinuteCounts(cdr.getLine(), departmentOf(cdr.getLine()), minute,
                    Counts.ofCall(cdr, settings)));
            return;
        }
        Counts counts = minutes.get(minute);
        if (counts == null) {
            counts = new Counts();
            ctx.timerService().registerEventTimeTimer(lastMs);
        }
        counts.addCall(cdr, settings);
        minutes.put(minute, counts);
    }

    /**
     * Remembers the call's start; a call_id already seen with a start_time within the duplicate
     * horizon is a repeat. The first copy wins, whichever arrives first.
     */
    private boolean isRepeat(String callId, long start, Context ctx) throws Exception {
        Long seenStart = seenCallStarts.get(callId);
        if (seenStart != null && Math.abs(seenStart - start) <= duplicateHorizonMs) {
            return true;
        }
        seenCallStarts.put(callId, start);
        long forgetAt = start + duplicateHorizonMs + allowedLatenessMs + MINUTE_MS;
        // Hourly buckets keep the number of cleanup timers per line small.
        ctx.timerService().registerEventTimeTimer(
                forgetAt - Math.floorMod(forgetAt, CLEANUP_BUCKET_MS) + CLEANUP_BUCKET_MS);
        return false;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MinuteCounts> out)
            throws Exception {
        if (Math.floorMod(timestamp, MINUTE_MS) == MINUTE_MS - 1) {
            long minute = timestamp + 1 - MINUTE_MS;
            Counts counts = minutes.get(minute);
            if (counts != null) {
                String line = ctx.getCurrentKey();
                out.collect(new MinuteCounts(line, departmentOf(line), minute, counts));
                minutes.remove(minute);
            }
        } else {
            forgetCallIdsBefore(timestamp - duplicateHorizonMs - allowedLatenessMs - MINUTE_MS);
        }
    }

    private void forgetCallIdsBefore(long start) throws Exception {
        Iterator<Map.Entry<String, Long>> seen = seenCallStarts.iterator();
        while (seen.hasNext()) {
            if (seen.next().getValue() < start) {
                seen.remove();
            }
        }
        // Removing through the iterator leaves an empty map behind in heap state.
        if (seenCallStarts.isEmpty()) {
            seenCallStarts.clear();
        }
    }

    private String departmentOf(String lineNumber) {
        Line line = directory.line(lineNumber);
        return line == null ? null : line.departmentId();
    }
}
