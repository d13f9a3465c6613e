package org.hotlinepulse.postgres;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.WindowMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the metrics rows of one scope to PostgreSQL in batches, each batch as one statement of
 * {@link MetricsUpsert} holding the latest value of each of its rows ({@link LatestRows}). A batch
 * is written when it holds {@code batchSize} rows, when {@code batchInterval} has passed since its
 * first row, and on every {@link #flush} (before each checkpoint and at end of input), so a
 * checkpoint never completes with rows unwritten. A failed batch is retried {@code maxRetries}
 * times on a new connection, with back-off, then fails the task: the job restarts from its last
 * checkpoint and writes the rows again, which the upserts make harmless.
 *
 * <p>The batch keeps the rows it is given: they arrive through the keyed exchange in front of the
 * sink, which deserializes every record into an object of its own.
 */
final class MetricsBatchWriter implements SinkWriter<WindowMetrics> {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsBatchWriter.class);
    private static final long BACKOFF_MILLIS = 1_000;

    private final Scope scope;
    private final MetricsSinkSettings settings;
    private final JdbcConnectionProvider connections;
    private final ProcessingTimeService time;
    private final LatestRows<WindowMetrics> batch = new LatestRows<>(WindowMetrics::rowKey);
    private PreparedStatement statement;
    private boolean timerPending;

    /** Connects now, so that a database that cannot be reached fails the task at its start. */
    MetricsBatchWriter(Scope scope, MetricsSinkSettings settings, JdbcConnectionProvider connections,
                       ProcessingTimeService time) throws IOException {
        this.scope = scope;
        this.settings = settings;
        this.connections = connections;
        this.time = time;
        try {
            statement = connections.getOrEstablishConnection().prepareStatement(MetricsUpsert.sql(scope));
        } catch (SQLException | ClassNotFoundException e) {
            throw new IOException("cannot open the " + MetricsUpsert.table(scope) + " sink's connection: "
                    + DatabaseException.oneLine(e.getMessage()), e);
        }
    }

    @Override
    public void write(WindowMetrics row, Context context) throws IOException, InterruptedException {
        batch.add(row);
        if (batch.size() >= settings.batchSize()) {
            writeBatch();
        } else if (!timerPending && !settings.batchInterval().isZero()) {
            timerPending = true;
            time.registerTimer(time.getCurrentProcessingTime() + settings.batchInterval().toMillis(), now -> {
                timerPending = false;
                writeBatch();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBatch();
    }

    private void writeBatch() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        List<WindowMetrics> rows = batch.rows();
        for (int attempt = 1; ; attempt++) {
            try {
                if (statement == null) {
                    statement = connections.reestablishConnection().prepareStatement(MetricsUpsert.sql(scope));
                }
                MetricsUpsert.bind(statement, scope, rows);
                statement.executeUpdate();
                batch.clear();
                return;
            } catch (SQLException e) {
                String failure = "writing " + rows.size() + " rows to " + MetricsUpsert.table(scope)
                        + " failed (attempt " + attempt + " of " + (settings.maxRetries() + 1) + "): "
                        + DatabaseException.oneLine(e.getMessage());
                if (attempt > settings.maxRetries()) {
                    throw new IOException(failure, e);
                }
                LOG.warn("{}; retrying on a new connection", failure);
                closeStatement();
                Thread.sleep(BACKOFF_MILLIS * attempt);
            } catch (ClassNotFoundException e) {
                throw new IOException("the PostgreSQL driver is missing", e);
            }
        }
    }

    /**
     * Closes the connection and never throws: Flink takes an exception from cleaning up a failed
     * task for a fatal error of the whole TaskManager. Rows still in the batch came after the last
     * checkpoint; the restarted job writes them again from there.
     */
    @Override
    public void close() {
        if (!batch.isEmpty()) {
            LOG.warn("{} sink closed with {} rows unwritten; the restarted job writes them again from its"
                    + " last checkpoint", MetricsUpsert.table(scope), batch.size());
        }
        closeStatement();
        connections.closeConnection();
    }

    private void closeStatement() {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                LOG.debug("closing the {} statement failed", MetricsUpsert.table(scope), e);
            }
            statement = null;
        }
    }
}
