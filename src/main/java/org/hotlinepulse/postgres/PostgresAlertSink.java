package org.hotlinepulse.postgres;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.JdbcConfig;

import java.util.Map;

/**
 * Attaches the PostgreSQL sink of the alert state changes: the Flink JDBC connector's
 * at-least-once sink with the idempotent, order-proof statement of {@link AlertUpsert}.
 */
public final class PostgresAlertSink {

    private PostgresAlertSink() {}

    /**
     * Adds the sink to the graph of {@code alerts}. The password is taken from {@code env} now and
     * travels with the job graph, as for the metrics sink.
     */
    public static void attach(DataStream<Alert> alerts, JdbcConfig config, Map<String, String> env,
                              MetricsSinkSettings settings) {
        alerts.keyBy(Alert::getId, Types.STRING)
                .sinkTo(new RestartSafeJdbcSink<>(JdbcSink.<Alert>builder()
                        .withQueryStatement(AlertUpsert.SQL, AlertUpsert::bind)
                        .withExecutionOptions(settings.executionOptions())
                        .buildAtLeastOnce(PostgresMetricsSink.connectionOptions(config, env))))
                .name(AlertUpsert.TABLE + " (PostgreSQL upsert)")
                .uid("postgres-" + AlertUpsert.TABLE);
    }
}
