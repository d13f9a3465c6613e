package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.WindowMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's store held in memory, fed by the sinks of a job running in the same JVM
 * ({@code demo}) with the job's own output types: metrics rows are upserted by
 * {@link WindowMetrics#rowKey()}, alert state changes by episode id with the rule of the
 * PostgreSQL table (a RESOLVED episode is never reopened by a FIRING delivered after it). Rows
 * whose window starts more than {@code retention} before the newest one are dropped, so a long
 * demo does not grow without bound. Thread-safe: every method holds the store's lock.
 */
public final class InMemoryDashboardStore implements DashboardStore {

    /** How much history a store made with {@link #InMemoryDashboardStore(Directory)} keeps. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private static final Comparator<WindowMetrics> BY_WINDOW_THEN_KEY =
            Comparator.comparingLong((WindowMetrics row) -> row.windowStart).thenComparing(row -> row.key);

    private final Duration retention;
    private final Map<String, WindowMetrics> rows = new HashMap<>();
    private final Map<String, Alert> alerts = new HashMap<>();
    private Directory directory;
    private long newestWindowStart = Long.MIN_VALUE;
    private long version;

    public InMemoryDashboardStore(Directory directory) {
        this(directory, DEFAULT_RETENTION);
    }

    public InMemoryDashboardStore(Directory directory, Duration retention) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** Replaces the directory, e.g. after a reload. */
    public synchronized void directory(Directory newDirectory) {
        directory = Objects.requireNonNull(newDirectory, "directory");
        version++;
    }

    /** Upserts one metrics row (a copy: the caller may reuse the object). */
    public synchronized void put(WindowMetrics row) {
        WindowMetrics copy = new WindowMetrics(row.scope, row.key, row.department, row.windowStart,
                row.windowMinutes, row.counts.copy());
        rows.put(copy.rowKey(), copy);
        if (copy.windowStart > newestWindowStart) {
            newestWindowStart = copy.windowStart;
            long oldestKept = newestWindowStart - retention.toMillis();
            rows.values().removeIf(kept -> kept.windowStart < oldestKept);
        }
        version++;
    }

    /** Applies one alert state change: FIRING opens the episode, RESOLVED closes it for good. */
    public synchronized void put(Alert change) {
        Alert known = alerts.get(change.getId());
        if (known != null && known.getState() == AlertState.RESOLVED) {
            return;
        }
        alerts.put(change.getId(), Alert.newBuilder(change).build());
        version++;
    }

    @Override
    public synchronized Directory directory() {
        return directory;
    }

    @Override
    public synchronized List<WindowMetrics> windows(Scope scope, int windowMinutes, Instant since) {
        long from = since.toEpochMilli();
        List<WindowMetrics> found = new ArrayList<>();
        for (WindowMetrics row : rows.values()) {
            if (row.scope == scope && row.windowMinutes == windowMinutes && row.windowStart >= from) {
                found.add(new WindowMetrics(row.scope, row.key, row.department, row.windowStart,
                        row.windowMinutes, row.counts.copy()));
            }
        }
        found.sort(BY_WINDOW_THEN_KEY);
        return found;
    }

    @Override
    public synchronized List<Alert> alerts(Instant resolvedSince) {
        List<Alert> found = new ArrayList<>();
        for (Alert alert : alerts.values()) {
            if (alert.getState() == AlertState.FIRING
                    || alert.getEndsAt() != null && !alert.getEndsAt().isBefore(resolvedSince)) {
                found.add(Alert.newBuilder(alert).build());
            }
        }
        found.sort(Comparator.comparing(Alert::getStartsAt).thenComparing(Alert::getId));
        return found;
    }

    @Override
    public synchronized long version() {
        return version;
    }
}
