package org.hotlinepulse.postgres;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.WindowMetrics;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Attaches the PostgreSQL sinks of the metrics rows: line rows upserted into
 * {@code line_metrics}, department rows into {@code department_metrics}, with the Flink JDBC
 * connector's at-least-once sink and the idempotent statements of {@link MetricsUpsert}.
 */
public final class PostgresMetricsSink {

    static final String DRIVER = "org.postgresql.Driver";

    private static final Pattern REWRITE_BATCHED_INSERTS =
            Pattern.compile("[?&]reWriteBatchedInserts=true", Pattern.CASE_INSENSITIVE);

    private PostgresMetricsSink() {}

    /**
     * Adds the two sinks to the graph of {@code rows}. The password is taken from {@code env}
     * now and travels with the job graph, so task managers need no database secret of their own.
     *
     * @throws IllegalArgumentException when the URL asks the driver to rewrite batched inserts
     *     (see {@link #problemWithUrl}) or the password file cannot be read
     */
    public static void attach(DataStream<WindowMetrics> rows, JdbcConfig config,
                              Map<String, String> env, MetricsSinkSettings settings) {
        String problem = problemWithUrl(config.url());
        if (problem != null) {
            throw new IllegalArgumentException(config.urlWithoutPassword() + ": " + problem);
        }
        JdbcConnectionOptions connection = connectionOptions(config, env);
        for (Scope scope : Scope.values()) {
            String name = scope.name().toLowerCase(Locale.ROOT);
            rows.filter(row -> row.scope == scope)
                    .name(name + " rows").uid("postgres-" + name + "-rows")
                    // Every value of one row key goes to the same sink subtask, in the order it
                    // was emitted, so a newer value is never overwritten by an older one, even
                    // when the sink runs with another parallelism than the windows.
                    .keyBy(WindowMetrics::rowKey, Types.STRING)
                    .sinkTo(new RestartSafeJdbcSink<>(JdbcSink.<WindowMetrics>builder()
                            .withQueryStatement(MetricsUpsert.sql(scope), MetricsUpsert::bind)
                            .withExecutionOptions(settings.executionOptions())
                            .buildAtLeastOnce(connection)))
                    .name(MetricsUpsert.table(scope) + " (PostgreSQL upsert)")
                    .uid("postgres-" + MetricsUpsert.table(scope));
        }
    }

    /**
     * Null when the URL suits the upserts. {@code reWriteBatchedInserts=true} does not: the
     * driver would merge a batch into one multi-row INSERT, which PostgreSQL refuses when two of
     * its rows update the same row (a window and its late update in one batch).
     */
    static String problemWithUrl(String url) {
        if (REWRITE_BATCHED_INSERTS.matcher(url).find()) {
            return "reWriteBatchedInserts=true cannot be used for metrics upserts: PostgreSQL refuses"
                    + " a multi-row INSERT ... ON CONFLICT DO UPDATE that updates one row twice;"
                    + " remove it from the URL";
        }
        return null;
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
