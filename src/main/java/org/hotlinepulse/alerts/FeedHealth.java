package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * The FEED_STALE rule of contract §6, every decision of it in plain Java: which feeds are watched
 * and which lines they have carried, when a CDR counts as heard, when a quiet feed is checked,
 * goes stale, resolves and is forgotten, and the alerts it sends. {@link FeedHealthDetector}
 * keeps the state these decisions are taken on, and the timers.
 */
public final class FeedHealth implements Serializable {
    /** An undeclared feed is forgotten this long after its last CDR. */
    public static final Duration FORGET_UNDECLARED_AFTER = Duration.ofHours(24);
    /** CDRs are heard in steps of a second: one timer per second of traffic, not per CDR. */
    static final long STEP_MS = 1_000;

    private final long staleMs;
    private final HashSet<String> declaredFeeds;

    /** {@code declaredFeeds} empty: every source is watched until forgotten. */
    public FeedHealth(int staleMinutes, Collection<String> declaredFeeds) {
        this.staleMs = staleMinutes * 60_000L;
        this.declaredFeeds = new HashSet<>(declaredFeeds);
    }

    /** Whether CDRs of {@code source} are watched: every source when none is declared, else the declared ones. */
    public boolean watches(String source) {
        return declaredFeeds.isEmpty() || declaredFeeds.contains(source);
    }

    /** Whether a CDR for {@code number} makes it a line the feed has carried: only lines of the directory count. */
    public static boolean carries(Directory directory, String number) {
        return directory.line(number) != null;
    }

    /** The lines the feed has carried that the directory still lists: the service hours it is judged in. */
    public static List<Line> carriedLines(Iterable<String> numbers, Directory directory) {
        List<Line> lines = new ArrayList<>();
        for (String number : numbers) {
            Line line = directory.line(number);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Whether a CDR starting at {@code start} is late, the watermark past it: the feed is heard at once. */
    public static boolean isHeardAtOnce(long start, long watermark) {
        return start <= watermark;
    }

    /** The step, the next whole second after {@code start}, at which a CDR is heard once the watermark passes it. */
    public static long heardAtStep(long start) {
        return Math.addExact(start - Math.floorMod(start, STEP_MS), STEP_MS);
    }

    /**
     * The earliest moment a feed last heard at {@code lastHeard} could be stale, {@code staleMinutes}
     * after it (the check then walks the service hours for the exact moment); Long.MAX_VALUE if never.
     */
    public long firstCheckAt(long lastHeard) {
        return SaturatingTime.plus(lastHeard, staleMs);
    }

    /** Whether the check scheduled at {@code scheduled} ({@link FeedWatch#NONE}: none) must move to {@code next}. */
    public static boolean movesCheck(long scheduled, long next) {
        return next != Long.MAX_VALUE && scheduled < next;
    }

    /**
     * When a feed last heard at {@code lastHeard} goes stale: after {@code staleMinutes} of time in
     * which any of {@code lines} is in service; {@link FeedClock#NEVER} if it does not.
     */
    public long staleAt(long lastHeard, List<Line> lines, Directory directory) {
        return new FeedClock(lines, directory).due(lastHeard, staleMs);
    }

    /** Whether a feed that goes stale at {@code staleAt} is stale at {@code now}. */
    public static boolean isStale(long staleAt, long now) {
        return staleAt != FeedClock.NEVER && staleAt <= now;
    }

    /** When a feed last heard at {@code lastHeard} is forgotten: never (Long.MAX_VALUE) for a declared feed. */
    public long forgetsAt(long lastHeard) {
        return declaredFeeds.isEmpty() ? lastHeard + FORGET_UNDECLARED_AFTER.toMillis() : Long.MAX_VALUE;
    }

    /** Whether a feed last heard at {@code lastHeard} ({@link FeedWatch#NONE}: never) is forgotten at {@code now}. */
    public boolean isForgottenAt(long lastHeard, long now) {
        return lastHeard != FeedWatch.NONE && forgetsAt(lastHeard) == now;
    }

    /** The FIRING change of a feed stale since {@code since}, last heard at {@code lastHeard}. */
    public Alert stale(String feed, Directory directory, long since, long lastHeard, int lines) {
        return EpisodeAlerts.feed(AlertState.FIRING, feed, since, null,
                AlertSummaries.feedStale(feed, directory.calendar().zone(), since, lastHeard, lines, staleMs / 60_000));
    }

    /**
     * The RESOLVED change of an episode open since {@code since}, the feed heard again; it ends at
     * {@code heardAt}, or at its own start if that is later.
     */
    public static Alert resolved(String feed, Directory directory, long since, long heardAt) {
        long end = Math.max(heardAt, since);
        return EpisodeAlerts.feed(AlertState.RESOLVED, feed, since, Instant.ofEpochMilli(end),
                AlertSummaries.feedResolved(feed, directory.calendar().zone(), since, end));
    }

    /** The RESOLVED change of an episode open since {@code since}, the feed forgotten at {@code at}. */
    public static Alert forgotten(String feed, Directory directory, long since, long at) {
        return EpisodeAlerts.feed(AlertState.RESOLVED, feed, since, Instant.ofEpochMilli(at),
                AlertSummaries.feedForgotten(feed, directory.calendar().zone(), since,
                        FORGET_UNDECLARED_AFTER.toHours()));
    }
}
