package org.hotlinepulse.postgres;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.WindowMetrics;

import java.io.IOException;

/** The sink of the metrics rows of one scope: a {@link MetricsBatchWriter} per subtask, each with its own connection. */
final class MetricsUpsertSink implements Sink<WindowMetrics> {

    private static final long serialVersionUID = 1L;

    private final Scope scope;
    private final JdbcConnectionOptions connection;
    private final MetricsSinkSettings settings;

    MetricsUpsertSink(Scope scope, JdbcConnectionOptions connection, MetricsSinkSettings settings) {
        this.scope = scope;
        this.connection = connection;
        this.settings = settings;
    }

    @Override
    public SinkWriter<WindowMetrics> createWriter(WriterInitContext context) throws IOException {
        return new MetricsBatchWriter(scope, settings, new SimpleJdbcConnectionProvider(connection),
                context.getProcessingTimeService());
    }
}
