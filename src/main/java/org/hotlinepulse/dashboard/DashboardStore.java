package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.WindowMetrics;

import java.time.Instant;
import java.util.List;

/**
 * What the dashboard reads: the line directory, the job's metrics rows and its alert episodes.
 * {@link PostgresDashboardStore} reads the tables the {@code run} job writes;
 * {@link InMemoryDashboardStore} is fed by the sinks of a job in the same JVM ({@code demo}).
 * Implementations are safe to call from several threads.
 */
public interface DashboardStore extends AutoCloseable {

    /** The current line directory: departments and lines, in directory order. */
    Directory directory() throws DashboardStoreException;

    /**
     * The current value of every metrics row of {@code scope} with this window size whose window
     * starts at or after {@code since}, ordered by window start, then key.
     */
    List<WindowMetrics> windows(Scope scope, int windowMinutes, Instant since) throws DashboardStoreException;

    /**
     * The last state of every alert episode that is open (FIRING) or that ended (event time) at
     * or after {@code resolvedSince}, ordered by {@code starts_at}.
     */
    List<Alert> alerts(Instant resolvedSince) throws DashboardStoreException;

    /**
     * A number that changes whenever what the other methods return may have changed: the
     * dashboard polls it and pushes the page again when it moves. Cheap to call.
     */
    long version() throws DashboardStoreException;

    @Override
    default void close() {}
}
