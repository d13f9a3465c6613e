package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ThresholdKey;

/**
 * All line-health rule state of one key (a line number, or a number missing from the
 * directory) and the rules of contract §6 over it (FEED_STALE aside). A Flink POJO of public
 * primitive and array fields, kept in keyed ValueState by the wrapping operator.
 *
 * <p>The wrapper calls {@link #onAttempt} for every CDR of the key in start_time order once the
 * watermark has passed its start, and {@link #onTimer} when the watermark reaches
 * {@link #nextTimer}; both return the FIRING and RESOLVED state changes.
 */
public class LineHealth {

    /** The label naming a feed: on FEED_STALE, and on SILENT the feed the line was last heard on. */
    public static final String SOURCE_LABEL = "source";
    private static final long MINUTE = 60_000L;
    private static final long NONE = Long.MIN_VALUE;
    private static final int TYPES = AlertType.values().length;
    private static final int IVR = 1 << 3;
    private static final int SHORT = 1 << 4;
    private static final Outcome[] OUTCOMES = Outcome.values();

    /** Start times of the recent non-probe attempts, a ring buffer of {@link #size} from {@link #head}. */
    public long[] times = new long[8];
    /** Per attempt: outcome ordinal in bits 0-2, ivr in bit 3, short abandon in bit 4. */
    public byte[] kinds = new byte[8];
    public int head;
    public int size;
    /** starts_at of the open episode of each AlertType (by ordinal), Long.MIN_VALUE when none is open. */
    public long[] openSince = closedEpisodes();
    /** The {@code mode} label of the open UNANSWERED episode. */
    public String unansweredMode;
    /** Start of the last non-probe attempt, Long.MIN_VALUE when none has been seen. */
    public long lastNonProbe = NONE;
    /** Failed probes in a row since the last probe that connected. */
    public int failedProbes;
    /** The learned SILENT baseline; null until the first attempt of a line in the directory. */
    public LearnedBaseline learned;
    /** The feed of the last attempt (null before any): a SILENT names it, so that a stale feed can hold it back. */
    public String lastSource;
    /** The {@code source} label of the open SILENT episode. */
    public String silentSource;

    /**
     * Changes whenever {@link #nextTimer} may have come sooner: an episode resolved, an hour of
     * the learned baseline closed. Otherwise an attempt only moves it later. Not state.
     */
    private transient int soonerRevision;

    public LineHealth() {}

    /** See {@link #soonerRevision}: equal before and after an attempt, the earlier {@link #nextTimer} is a lower bound. */
    public int nextTimerRevision() {
        return soonerRevision;
    }

    /** Evaluates the rules at {@code a.startTime()} with {@code a} counted; returns the state changes. */
    public List<Alert> onAttempt(Attempt a, LineContext ctx) {
        List<Alert> out = new ArrayList<>(0);
        long t = a.startTime();
        lastSource = a.source();
        if (a.probe()) {
            if (ctx.line() != null) {
                onProbe(a, ctx, out);
            }
            return out;
        }
        if (ctx.line() == null) {
            remember(a, t, ctx.thresholds().longestWindowMinutes());
            // Only whether the span holds unknown_line_attempts of them matters: a flood to one
            // misdialled number keeps that many, not one per call.
            keepLatest(ctx.thresholds().unknownLineAttempts());
            lastNonProbe = t;
            onUnknownLineAttempt(t, ctx, out);
            return out;
        }
        boolean closed = ctx.directory().isClosedForPlannedWork(ctx.number(), Instant.ofEpochMilli(t));
        learn(t, closed, ctx);
        // An attempt during a planned closure is not the line's normal behaviour: it is kept out
        // of every span, so that nothing judged after the closure counts it.
        if (!closed) {
            remember(a, t, ctx.thresholds().longestWindowMinutes());
        }
        // The number has been added to the directory since it was reported unknown.
        if (isOpen(AlertType.UNKNOWN_LINE)) {
            resolve(AlertType.UNKNOWN_LINE, ctx, t, out);
        }
        if (isOpen(AlertType.SILENT)) {
            resolve(AlertType.SILENT, ctx, t, out);
        }
        lastNonProbe = t;
        evaluateWindows(a, t, closed, ctx, out);
        return out;
    }

    /**
     * The event time at which {@link #onTimer} may next change something without new input:
     * SILENT firing, UNKNOWN_LINE resolving, or the state of an unknown number becoming
     * {@linkplain #isForgettable forgettable}; Long.MAX_VALUE when nothing is due.
     */
    public long nextTimer(LineContext ctx) {
        long next = isOpen(AlertType.UNKNOWN_LINE) ? unknownLineResolvesAt(ctx) : Long.MAX_VALUE;
        if (ctx.line() == null && lastNonProbe != NONE && !isOpen(AlertType.UNKNOWN_LINE)) {
            next = forgettableFrom(ctx);
        }
        if (ctx.line() != null && !isOpen(AlertType.SILENT)) {
            next = Math.min(next, silentDue(ctx, new double[1]));
        }
        return next;
    }

    /** Fires or resolves what is due at watermark {@code t}; calling it early or twice changes nothing. */
    public List<Alert> onTimer(long t, LineContext ctx) {
        List<Alert> out = new ArrayList<>(0);
        // An UNKNOWN_LINE episode also ends when the number has since been added to the directory.
        if (isOpen(AlertType.UNKNOWN_LINE) && unknownLineResolvesAt(ctx) != Long.MAX_VALUE
                && unknownLineResolvesAt(ctx) <= t) {
            resolve(AlertType.UNKNOWN_LINE, ctx, unknownLineResolvesAt(ctx), out);
        }
        if (ctx.line() != null && !isOpen(AlertType.SILENT)) {
            double[] expected = new double[1];
            long due = silentDue(ctx, expected);
            if (due != SilenceClock.NEVER && due <= t) {
                long quietFrom = quietFrom(ctx);
                long serviceMinutes = new SilenceClock(ctx.line(), ctx.directory()).serviceMillis(quietFrom, due) / MINUTE;
                silentSource = lastSource;
                fire(AlertType.SILENT, ctx, due, silentLabels(),
                        AlertSummaries.silent(ctx, due, quietFrom, serviceMinutes, expected[0]), out);
            }
        }
        return out;
    }

    /**
     * Whether nothing in this state can matter any more at watermark {@code t}: a number missing
     * from the directory, with no open episode and no attempt left in the UNKNOWN_LINE span.
     * Misdialled numbers come by the thousand; their state must not pile up for ever.
     */
    public boolean isForgettable(LineContext ctx, long t) {
        if (ctx.line() != null || (lastNonProbe != NONE && t < forgettableFrom(ctx))) {
            return false;
        }
        for (long since : openSince) {
            if (since != NONE) {
                return false;
            }
        }
        return true;
    }

    private long forgettableFrom(LineContext ctx) {
        return SaturatingTime.plus(lastNonProbe, ctx.thresholds().unknownLineWindowMinutes() * MINUTE);
    }

    /** Whether an episode of {@code type} is open. */
    public boolean isOpen(AlertType type) {
        return openSince[type.ordinal()] != NONE;
    }

    private long silentDue(LineContext ctx, double[] expected) {
        if (quietFrom(ctx) == NONE) {
            return Long.MAX_VALUE;
        }
        return new SilenceClock(ctx.line(), ctx.directory()).due(quietFrom(ctx), ctx.thresholds(), learned, expected);
    }

    private long quietFrom(LineContext ctx) {
        return lastNonProbe != NONE ? lastNonProbe : ctx.earliestEventTime();
    }

    private long unknownLineResolvesAt(LineContext ctx) {
        return SaturatingTime.plus(lastNonProbe, ctx.thresholds().unknownLineQuietHours() * 60L * MINUTE);
    }

    private void onProbe(Attempt a, LineContext ctx, List<Alert> out) {
        long t = a.startTime();
        if (a.connected()) {
            failedProbes = 0;
            if (isOpen(AlertType.PROBE_FAILED)) {
                resolve(AlertType.PROBE_FAILED, ctx, t, out);
            }
            return;
        }
        if (ctx.directory().isClosedForPlannedWork(ctx.number(), Instant.ofEpochMilli(t))) {
            return;
        }
        failedProbes++;
        int needed = ctx.thresholds().count(ThresholdKey.PROBE_FAILED_CONSECUTIVE);
        if (failedProbes >= needed && !isOpen(AlertType.PROBE_FAILED)) {
            fire(AlertType.PROBE_FAILED, ctx, t, Map.of(), AlertSummaries.probeFailed(ctx, t, failedProbes), out);
        }
    }

    private void onUnknownLineAttempt(long t, LineContext ctx, List<Alert> out) {
        int span = ctx.thresholds().unknownLineWindowMinutes();
        int attempts = new WindowCounts(this, t, span).attempts;
        if (!isOpen(AlertType.UNKNOWN_LINE) && attempts >= ctx.thresholds().unknownLineAttempts()) {
            fire(AlertType.UNKNOWN_LINE, ctx, t, Map.of(), AlertSummaries.unknownLine(ctx, t, attempts, span), out);
        }
    }

    /**
     * The window rules at {@code t}. During a closure only recoveries shown by the attempt itself
     * count (it connected, it was answered): the spans hold nothing of the closure, so the rules
     * judged on a share of the span (CONSTANT_BUSY, HIGH_ABANDONMENT) wait for the first
     * attempt after it.
     */
    private void evaluateWindows(Attempt a, long t, boolean closed, LineContext ctx, List<Alert> out) {
        AlertThresholds th = ctx.thresholds();
        boolean inService = !closed && ctx.directory().calendar().isOpen(ctx.line().hours(), Instant.ofEpochMilli(t));

        int oosSpan = th.count(ThresholdKey.OUT_OF_SERVICE_WINDOW_MINUTES);
        if (isOpen(AlertType.OUT_OF_SERVICE)) {
            if (a.connected()) {
                resolve(AlertType.OUT_OF_SERVICE, ctx, t, out);
            }
        } else if (!closed) {
            WindowCounts c = new WindowCounts(this, t, oosSpan);
            if (c.failed >= th.count(ThresholdKey.OUT_OF_SERVICE_FAILED_ATTEMPTS) && c.connected == 0) {
                fire(AlertType.OUT_OF_SERVICE, ctx, t, Map.of(),
                        AlertSummaries.outOfService(ctx, t, c.failed, c.attempts, oosSpan), out);
            }
        }

        int busySpan = th.count(ThresholdKey.CONSTANT_BUSY_WINDOW_MINUTES);
        if (!closed) {
            WindowCounts busy = new WindowCounts(this, t, busySpan);
            if (isOpen(AlertType.CONSTANT_BUSY)) {
                if (busy.attempts > 0 && (double) busy.busy / busy.attempts < th.get(ThresholdKey.CONSTANT_BUSY_RESOLVE_SHARE)) {
                    resolve(AlertType.CONSTANT_BUSY, ctx, t, out);
                }
            } else if (busy.attempts >= th.count(ThresholdKey.CONSTANT_BUSY_MIN_ATTEMPTS)
                    && (double) busy.busy / busy.attempts >= th.get(ThresholdKey.CONSTANT_BUSY_SHARE)) {
                fire(AlertType.CONSTANT_BUSY, ctx, t, Map.of(),
                        AlertSummaries.constantBusy(ctx, t, busy.busy, busy.attempts, busySpan), out);
            }
        }

        int unansweredSpan = th.count(ThresholdKey.UNANSWERED_WINDOW_MINUTES);
        if (isOpen(AlertType.UNANSWERED)) {
            if (a.outcome() == Outcome.ANSWERED) {
                resolve(AlertType.UNANSWERED, ctx, t, out);
            }
        } else if (inService) {
            WindowCounts c = new WindowCounts(this, t, unansweredSpan);
            if (c.connected >= th.count(ThresholdKey.UNANSWERED_MIN_CONNECTED) && c.answered == 0) {
                unansweredMode = UnansweredMode.of(c.noAnswerIvr, c.abandoned, c.noAnswerRing);
                fire(AlertType.UNANSWERED, ctx, t, Map.of("mode", unansweredMode),
                        AlertSummaries.unanswered(ctx, t, unansweredMode, c.connected, unansweredSpan), out);
            }
        }
        if (closed) {
            return;
        }

        int abandonSpan = th.count(ThresholdKey.HIGH_ABANDONMENT_WINDOW_MINUTES);
        WindowCounts ab = new WindowCounts(this, t, abandonSpan);
        int denominator = ab.connected - ab.shortAbandoned;
        int counted = ab.abandoned - ab.shortAbandoned;
        if (denominator <= 0) {
            return;
        }
        double rate = (double) counted / denominator;
        if (isOpen(AlertType.HIGH_ABANDONMENT)) {
            if (rate < th.get(ThresholdKey.HIGH_ABANDONMENT_RESOLVE_RATE)) {
                resolve(AlertType.HIGH_ABANDONMENT, ctx, t, out);
            }
        } else if (inService && ab.connected >= th.count(ThresholdKey.HIGH_ABANDONMENT_MIN_CONNECTED)
                && rate >= th.get(ThresholdKey.HIGH_ABANDONMENT_RATE)) {
            fire(AlertType.HIGH_ABANDONMENT, ctx, t, Map.of(),
                    AlertSummaries.highAbandonment(ctx, t, counted, denominator, abandonSpan), out);
        }
    }

    private void fire(AlertType type, LineContext ctx, long startsAt, Map<String, String> labels, String summary, List<Alert> out) {
        openSince[type.ordinal()] = startsAt;
        out.add(EpisodeAlerts.firing(type, ctx, startsAt, labels, summary));
    }

    private void resolve(AlertType type, LineContext ctx, long endsAt, List<Alert> out) {
        long startsAt = openSince[type.ordinal()];
        Map<String, String> labels = switch (type) {
            case UNANSWERED -> Map.of("mode", unansweredMode);
            case SILENT -> silentLabels();
            default -> Map.of();
        };
        openSince[type.ordinal()] = NONE;
        soonerRevision++;
        if (type == AlertType.UNANSWERED) {
            unansweredMode = null;
        }
        if (type == AlertType.SILENT) {
            silentSource = null;
        }
        out.add(EpisodeAlerts.resolved(type, ctx, startsAt, endsAt, labels));
    }

    /** SILENT's {@code source} label: the feed the line was last heard on when it fell silent. */
    private Map<String, String> silentLabels() {
        return silentSource == null ? Map.of() : Map.of(SOURCE_LABEL, silentSource);
    }

    private void learn(long t, boolean closed, LineContext ctx) {
        if (learned == null) {
            learned = new LearnedBaseline();
        }
        Line line = ctx.line();
        boolean inService = !closed && ctx.directory().calendar().isOpen(line.hours(), Instant.ofEpochMilli(t));
        SilenceClock schedule = new SilenceClock(line, ctx.directory());
        long hourCounted = learned.hourStart;
        learned.count(t, inService, ctx.directory().calendar().zone(), schedule::serviceMillis, !isOpen(AlertType.SILENT));
        if (learned.hourStart != hourCounted) {
            soonerRevision++;
        }
    }

    /** Appends the attempt and drops those at or before t − span (they can no longer be in any window). */
    private void remember(Attempt a, long t, int spanMinutes) {
        long oldest = Math.subtractExact(t, spanMinutes * MINUTE);
        while (size > 0 && times[head] <= oldest) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size == times.length) {
            long[] newTimes = new long[times.length * 2];
            byte[] newKinds = new byte[times.length * 2];
            for (int i = 0; i < size; i++) {
                newTimes[i] = times[(head + i) % times.length];
                newKinds[i] = kinds[(head + i) % times.length];
            }
            times = newTimes;
            kinds = newKinds;
            head = 0;
        }
        int at = (head + size) % times.length;
        times[at] = t;
        kinds[at] = (byte) (a.outcome().ordinal() | (a.ivr() ? IVR : 0) | (a.shortAbandon() ? SHORT : 0));
        size++;
    }

    private void keepLatest(int attempts) {
        while (size > attempts) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    private static long[] closedEpisodes() {
        long[] since = new long[TYPES];
        Arrays.fill(since, NONE);
        return since;
    }

    /** Counts of the remembered non-probe attempts in the span (t − spanMinutes, t]. */
    private static final class WindowCounts {
        int attempts;
        int connected;
        int answered;
        int abandoned;
        int shortAbandoned;
        int noAnswerIvr;
        int noAnswerRing;
        int busy;
        int failed;

        WindowCounts(LineHealth h, long t, int spanMinutes) {
            long after = Math.subtractExact(t, spanMinutes * MINUTE);
            for (int i = h.size - 1; i >= 0; i--) {
                int at = (h.head + i) % h.times.length;
                long time = h.times[at];
                if (time <= after) {
                    break;
                }
                if (time > t) {
                    continue;
                }
                int kind = h.kinds[at];
                attempts++;
                switch (OUTCOMES[kind & 7]) {
                    case ANSWERED -> { connected++; answered++; }
                    case ABANDONED -> {
                        connected++;
                        abandoned++;
                        if ((kind & SHORT) != 0) {
                            shortAbandoned++;
                        }
                    }
                    case NO_ANSWER -> {
                        connected++;
                        if ((kind & IVR) != 0) {
                            noAnswerIvr++;
                        } else {
                            noAnswerRing++;
                        }
                    }
                    case BUSY -> busy++;
                    case FAILED -> failed++;
                }
            }
        }
    }
}
