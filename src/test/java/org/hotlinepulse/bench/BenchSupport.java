package org.hotlinepulse.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.PostgresConnections;
import org.hotlinepulse.testing.InProcessKafka;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What the live benchmarks share: their database, a Kafka producer, percentiles. */
final class BenchSupport {
    private BenchSupport() {}

    static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1,
                Math.floor(p * sorted.size())));
    }

    static KafkaProducer<byte[], byte[]> producer(InProcessKafka kafka) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("linger.ms", "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static JdbcConfig benchDatabase() throws Exception {
        JdbcConfig server = new JdbcConfig("jdbc:postgresql://127.0.0.1:5432/postgres",
                System.getenv().getOrDefault("HOTLINE_PULSE_TEST_PG_USER", "postgres"));
        try (Connection c = PostgresConnections.open(server, Map.of()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'hotline_bench'")) {
            if (!r.next()) {
                s.execute("CREATE DATABASE hotline_bench");
            }
        }
        return new JdbcConfig("jdbc:postgresql://127.0.0.1:5432/hotline_bench", server.user());
    }

    static void execute(JdbcConfig jdbc, String sql) throws Exception {
        try (Connection c = PostgresConnections.open(jdbc, Map.of()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
