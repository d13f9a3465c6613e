package org.hotlinepulse.postgres;

import org.apache.flink.connector.jdbc.JdbcExecutionOptions;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the PostgreSQL sinks (metrics and alerts) batch and retry their upserts. A batch is written
 * when it holds {@code batchSize} rows, when {@code batchInterval} has passed (zero: only on size
 * and checkpoints), and at every checkpoint; a failed batch is retried {@code maxRetries} times,
 * reconnecting if needed, before the job fails and restarts.
 */
public record MetricsSinkSettings(int batchSize, Duration batchInterval, int maxRetries)
        implements Serializable {

    /**
     * 1000 rows or one second, whichever comes first, so the dashboard trails the watermark by
     * about a second; three retries ride out a database restart of a few seconds.
     */
    public static final MetricsSinkSettings DEFAULTS =
            new MetricsSinkSettings(1000, Duration.ofSeconds(1), 3);

    /** @throws IllegalArgumentException for a batch size below 1, or a negative interval or retry count */
    public MetricsSinkSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        }
        if (batchInterval == null || batchInterval.isNegative()) {
            throw new IllegalArgumentException("batch interval " + batchInterval + " must be zero or more");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries " + maxRetries + " must be zero or more");
        }
    }

    /** The JDBC connector's options with these values, for the alert sink. */
    public JdbcExecutionOptions executionOptions() {
        return JdbcExecutionOptions.builder()
                .withBatchSize(batchSize)
                .withBatchIntervalMs(batchInterval.toMillis())
                .withMaxRetries(maxRetries)
                .build();
    }
}
