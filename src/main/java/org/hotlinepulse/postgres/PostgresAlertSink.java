package org.hotlinepulse.postgres;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.JdbcConfig;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Attaches the PostgreSQL sink of the alert state changes: the Flink JDBC connector's
 * at-least-once sink with the idempotent, order-proof statement of {@link AlertUpsert}.
 */
public final class PostgresAlertSink {

    private static final Pattern REWRITE_BATCHED_INSERTS =
            Pattern.compile("[?&]reWriteBatchedInserts=true", Pattern.CASE_INSENSITIVE);

    private PostgresAlertSink() {}

    /**
     * Adds the sink to the graph of {@code alerts}. The password is taken from {@code env} now and
     * travels with the job graph, as for the metrics sink.
     *
     * @throws IllegalArgumentException when the URL asks the driver to rewrite batched inserts
     *     (see {@link #problemWithUrl}) or the password file cannot be read
     */
    public static void attach(DataStream<Alert> alerts, JdbcConfig config, Map<String, String> env,
                              MetricsSinkSettings settings) {
        String problem = problemWithUrl(config.url());
        if (problem != null) {
            throw new IllegalArgumentException(config.urlWithoutPassword() + ": " + problem);
        }
        alerts.keyBy(Alert::getId, Types.STRING)
                .sinkTo(new RestartSafeJdbcSink<>(JdbcSink.<Alert>builder()
                        .withQueryStatement(AlertUpsert.SQL, AlertUpsert::bind)
                        .withExecutionOptions(settings.executionOptions())
                        .buildAtLeastOnce(PostgresMetricsSink.connectionOptions(config, env))))
                .name(AlertUpsert.TABLE + " (PostgreSQL upsert)")
                .uid("postgres-" + AlertUpsert.TABLE);
    }

    /**
     * Null when the URL suits the alert upserts. {@code reWriteBatchedInserts=true} does not: the
     * driver would merge a batch into one multi-row INSERT, which PostgreSQL refuses when two of
     * its rows update the same row (an episode's FIRING and RESOLVED in one batch). The metrics
     * sink sends one statement per batch and is not affected.
     */
    static String problemWithUrl(String url) {
        if (REWRITE_BATCHED_INSERTS.matcher(url).find()) {
            return "reWriteBatchedInserts=true cannot be used for the alert upserts: PostgreSQL refuses"
                    + " a multi-row INSERT ... ON CONFLICT DO UPDATE that updates one row twice;"
                    + " remove it from the URL";
        }
        return null;
    }
}
