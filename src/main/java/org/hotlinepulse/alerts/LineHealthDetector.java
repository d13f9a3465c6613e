package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.PipelineCounters;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The line-health rules of contract §6 for one number at a time, in one keyed value
 * ({@link LineWatch}) per number. Calls wait in it until the watermark has passed their start_time,
 * so that the rules ({@link LineHealth}) see every call of a line in start_time order and only once
 * every CDR that started before it is known; a call that arrives after that is late for the rules
 * and only counted. Rules that act without input (SILENT, the end of UNKNOWN_LINE) run at the
 * moment {@link LineHealth#nextTimer} names; the state of a number missing from the directory is
 * dropped once nothing in it can matter.
 *
 * <p>The keyed Flink function that holds the watches keeps one timer per number at {@link #due}, the
 * earliest of its waiting calls and its rules' next moment, and calls {@link #judge} when it fires:
 * everything due up to the current watermark is judged in event-time order, calls before a rule
 * moment that falls on the same millisecond. A backlog's watermark jumps by minutes, and judging
 * per timer would cost a timer and a state read per call.
 *
 * <p>Numbers missing from the directory are anyone's to invent, so each parallel instance
 * watches at most {@link #MAX_UNKNOWN_NUMBERS} of them at a time; CDRs to further ones are
 * counted ({@link PipelineCounters#UNKNOWN_NUMBERS_UNWATCHED}) and still make their metrics, but
 * no UNKNOWN_LINE. The count ({@link #unknownNumbersWatched}) is the instance's, kept by the Flink
 * function across restarts and rescaling as an estimate: a bound on memory, not an exact quota.
 */
public final class LineHealthDetector implements Serializable {
    /** watchedSince before the job's first watermark has arrived. */
    private static final long AWAITING_FIRST_WATERMARK = Long.MIN_VALUE;
    /** A few hundred bytes of state each: tens of megabytes per instance at most. */
    public static final int MAX_UNKNOWN_NUMBERS = 50_000;

    private final AlertThresholds thresholds;
    private final long watermarkLagMs;
    private transient long unknownNumbersWatched;

    /**
     * @param thresholds the job-wide thresholds; each line's own overrides are merged in
     * @param watermarkLag how far the job's watermark trails the event time it was derived from
     */
    public LineHealthDetector(AlertThresholds thresholds, Duration watermarkLag) {
        this.thresholds = thresholds;
        this.watermarkLagMs = watermarkLag.toMillis();
    }

    /** How many numbers missing from the directory this instance watches. */
    public long unknownNumbersWatched() {
        return unknownNumbersWatched;
    }

    /** After a restore: this instance's share of the numbers watched before. */
    public void restoreUnknownNumbersWatched(long count) {
        unknownNumbersWatched = count;
    }

    /**
     * The directory lists {@code number}: it is watched for silence from the event time of
     * {@code watermark} on (or of the first watermark, when none has come yet). Returns the watch to
     * keep, or null when nothing changed (already watched, or the end of a bounded input).
     */
    public LineWatch listed(LineWatch w, String number, Directory directory, long watermark) throws Exception {
        if (w != null) {
            watermark = Math.max(watermark, w.passed);
            if (w.watched) {
                return null;
            }
        }
        // A listing can reach a line after the end of a bounded input (the directory joins
        // whenever it arrives); in replay nothing is judged then (contract §6).
        if (watermark == Long.MAX_VALUE) {
            return null;
        }
        w = w != null ? w : new LineWatch();
        w.watched = true;
        if (watermark == AWAITING_FIRST_WATERMARK) {
            // A line listed before any CDR has moved event time is watched from the event
            // time of the first watermark: the earliest the job knows (contract §6, SILENT).
            w.watchedSince = AWAITING_FIRST_WATERMARK;
            w.ruleDue = AWAITING_FIRST_WATERMARK + 1;
        } else {
            w.watchedSince = eventTimeOf(watermark);
            w.ruleDue = w.health.nextTimer(context(number, directory, w));
        }
        return w;
    }

    /**
     * A call to {@code number} at {@code watermark}: it waits in the watch for the watermark to pass
     * it. Returns the watch to keep, or null when nothing changed (the call is late for the rules,
     * or to a number beyond those this instance watches).
     */
    public LineWatch call(LineWatch w, Attempt call, String number, Directory directory, long watermark,
                          PipelineCounters counters) {
        // After a restore a CDR already late for the rules stays late (contract §6).
        if (w != null) {
            watermark = Math.max(watermark, w.passed);
        }
        if (call.startTime() <= watermark) {
            counters.lateForRules.add(1);
            return null;
        }
        if (w == null) {
            // The directory only for a key without state: for a listed line, the common case, it has state.
            if (directory.line(number) == null) {
                if (unknownNumbersWatched >= MAX_UNKNOWN_NUMBERS) {
                    counters.unknownNumbersUnwatched.add(1);
                    return null;
                }
                unknownNumbersWatched++;
            }
            w = new LineWatch();
        }
        w.await(call);
        return w;
    }

    /**
     * Judges everything of {@code w} due up to {@code watermark}, its moment {@code due} having
     * come; returns false when the number is forgotten (its state can go).
     */
    public boolean judge(LineWatch w, long due, String number, Directory directory, long watermark,
                         Consumer<Alert> out) throws Exception {
        // The end of a bounded input moves the watermark to the end of time; in replay "now" is
        // the last real watermark, so nothing may fire for want of input then (contract §6).
        boolean endOfInput = watermark == Long.MAX_VALUE;
        if (w.watched && w.watchedSince == AWAITING_FIRST_WATERMARK && !endOfInput) {
            w.watchedSince = eventTimeOf(watermark);
        }
        LineContext context = context(number, directory, w);
        while (true) {
            long rule = endOfInput ? LineWatch.NONE : w.ruleDue;
            long t = Math.min(w.firstWaiting(), rule);
            if (t == LineWatch.NONE || t > watermark) {
                break;
            }
            int revision = w.health.nextTimerRevision();
            if (w.firstWaiting() == t) {
                for (Attempt call : w.takeFirstWaiting()) {
                    w.health.onAttempt(call, context).forEach(out);
                }
            }
            if (rule == t) {
                w.health.onTimer(t, context).forEach(out);
            }
            w.passed = Math.max(w.passed, t);
            if (w.waiting.length == 0 && w.health.isForgettable(context, t)) {
                unknownNumbersWatched = Math.max(0, unknownNumbersWatched - 1);
                return false;
            }
            // Unless the revision moved, a call only moves the rules' next moment later: the moment
            // kept is a lower bound, and reaching it early changes nothing (LineHealth#onTimer). So
            // the service-hours walk runs per rule moment and learned hour, not per call.
            if (rule == t || w.ruleDue == LineWatch.NONE || w.health.nextTimerRevision() != revision) {
                w.ruleDue = Math.max(w.health.nextTimer(context), t + 1);
            }
        }
        w.passed = Math.max(w.passed, due);
        if (endOfInput) {
            w.ruleDue = LineWatch.NONE;
        }
        return true;
    }

    /** When {@link #judge} is next due for {@code w}: its first waiting call or its rules' next moment. */
    public long due(LineWatch w) {
        return Math.min(w.firstWaiting(), w.ruleDue);
    }

    /**
     * The event time a watermark stands for: the watermark trails the start_time of the record
     * (or, live, the clock reading) it was derived from by {@code watermarkLag}. In replay the
     * first watermark thus gives the first record's start_time, not 10 minutes before it.
     */
    private long eventTimeOf(long watermark) {
        return SaturatingTime.plus(watermark, watermarkLagMs);
    }

    private LineContext context(String number, Directory directory, LineWatch w) {
        return LineContext.of(number, directory, thresholds, w.watched ? w.watchedSince : Long.MIN_VALUE);
    }
}
