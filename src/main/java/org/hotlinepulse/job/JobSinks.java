package org.hotlinepulse.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.metrics.WindowMetrics;

/**
 * Where the job's outputs go: files for {@code replay}, Kafka and PostgreSQL for {@code run},
 * the embedded store for {@code demo}. Each method attaches its sinks to one output stream.
 */
public interface JobSinks {

    /** Metrics rows, to be upserted by (scope, key, window_start, window_minutes). */
    void metrics(DataStream<WindowMetrics> rows);

    /** Input records that are not valid CDRs, with their reasons. */
    void rejected(DataStream<DeadLetter> records);

    /** CDRs that arrived past allowed lateness. */
    void late(DataStream<DeadLetter> records);

    /** Alert state changes: FIRING once, then RESOLVED once, per episode id. */
    void alerts(DataStream<Alert> changes);
}
