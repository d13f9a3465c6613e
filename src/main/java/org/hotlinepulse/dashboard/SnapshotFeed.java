package org.hotlinepulse.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Keeps the page's snapshot, as JSON, up to date: a daemon thread polls the store's
 * {@link DashboardStore#version()} and builds the snapshot again when it moves (and at least
 * every {@link #REFRESH}, so that look-back spans follow the clock). Every open event stream
 * waits here for the next one, so one snapshot is built per change, not one per viewer.
 */
final class SnapshotFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFeed.class);

    /** Longest time between two snapshots when nothing changes. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    /** One snapshot as sent, numbered in the order built. */
    record Published(long sequence, String json) {}

    private final DashboardView view;
    private final DashboardStore store;
    private final Duration pollInterval;
    private final ObjectMapper json;
    private final Thread poller;
    private Published latest;
    private long builtVersion;
    private long builtAtNanos;

    /** Builds the first snapshot now, so that a store that cannot be read fails the start. */
    SnapshotFeed(DashboardView view, DashboardStore store, Duration pollInterval, ObjectMapper json)
            throws DashboardStoreException {
        this.view = view;
        this.store = store;
        this.pollInterval = pollInterval;
        this.json = json;
        long version = store.version();
        publish(version, view.snapshot());
        this.poller = new Thread(this::poll, "dashboard-snapshot-feed");
        poller.setDaemon(true);
        poller.start();
    }

    synchronized Published latest() {
        return latest;
    }

    /** The first snapshot after {@code sequence}, or null when none came within {@code timeout}. */
    synchronized Published awaitAfter(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latest.sequence() <= sequence) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return latest;
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(pollInterval.toMillis());
                long version = store.version();
                if (version != builtVersion || System.nanoTime() - builtAtNanos >= REFRESH.toNanos()) {
                    publish(version, view.snapshot());
                }
            } catch (InterruptedException e) {
                return;
            } catch (DashboardStoreException | RuntimeException e) {
                // The page keeps the last snapshot; the next poll tries again.
                LOG.warn("dashboard not refreshed: {}", e.getMessage());
            }
        }
    }

    private void publish(long version, DashboardSnapshot snapshot) {
        String text;
        try {
            text = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot is not JSON", e);
        }
        synchronized (this) {
            latest = new Published(latest == null ? 1 : latest.sequence() + 1, text);
            builtVersion = version;
            builtAtNanos = System.nanoTime();
            notifyAll();
        }
    }

    @Override
    public void close() {
        poller.interrupt();
    }
}
