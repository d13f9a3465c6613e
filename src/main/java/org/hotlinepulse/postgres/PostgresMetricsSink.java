package org.hotlinepulse.postgres;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.WindowMetrics;

import java.util.Locale;
import java.util.Map;

/**
 * Attaches the PostgreSQL sinks of the metrics rows: line rows upserted into
 * {@code line_metrics}, department rows into {@code department_metrics}, by {@link MetricsUpsertSink}:
 * at least once, in batches of one statement each, made idempotent by {@link MetricsUpsert}.
 */
public final class PostgresMetricsSink {

    static final String DRIVER = "org.postgresql.Driver";

    private PostgresMetricsSink() {}

    /**
     * Adds the two sinks to the graph of {@code rows}. The password is taken from {@code env}
     * now and travels with the job graph, so task managers need no database secret of their own.
     *
     * @throws IllegalArgumentException when the password file cannot be read
     */
    public static void attach(DataStream<WindowMetrics> rows, JdbcConfig config,
                              Map<String, String> env, MetricsSinkSettings settings) {
        JdbcConnectionOptions connection = connectionOptions(config, env);
        for (Scope scope : Scope.values()) {
            String name = scope.name().toLowerCase(Locale.ROOT);
            rows.filter(row -> row.scope == scope)
                    .name(name + " rows").uid("postgres-" + name + "-rows")
                    // Every value of one row key goes to the same sink subtask, in the order it
                    // was emitted, so a newer value is never overwritten by an older one, even
                    // when the sink runs with another parallelism than the windows.
                    .keyBy(WindowMetrics::rowKey, Types.STRING)
                    .sinkTo(new MetricsUpsertSink(scope, connection, settings))
                    .name(MetricsUpsert.table(scope) + " (PostgreSQL upsert)")
                    .uid("postgres-" + MetricsUpsert.table(scope));
        }
    }

    static JdbcConnectionOptions connectionOptions(JdbcConfig config, Map<String, String> env) {
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder builder =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(config.url())
                        .withDriverName(DRIVER)
                        .withUsername(config.user())
                        .withProperty("ApplicationName", "hotline-pulse metrics sink");
        String password = config.password(env);
        if (password != null) {
            builder.withPassword(password);
        }
        return builder.build();
    }
}
