package org.hotlinepulse.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

/**
 * How the live job reaches Kafka: brokers, consumer group, topic names and further client
 * properties (security.protocol, sasl.mechanism, ...). Secrets are never in the file: the SASL
 * JAAS configuration comes from the environment ({@link #SASL_JAAS_CONFIG_VARIABLE}).
 */
public record KafkaConfig(String bootstrapServers, String groupId, Topics topics,
                          Map<String, String> properties) implements Serializable {

    public static final String SASL_JAAS_CONFIG_VARIABLE = "HOTLINE_PULSE_KAFKA_SASL_JAAS_CONFIG";

    public static final KafkaConfig DEFAULTS = new KafkaConfig("localhost:9092", "hotline-metrics",
            Topics.DEFAULTS, Map.of());

    public KafkaConfig {
        properties = Map.copyOf(properties);
    }

    /** The topics of DESIGN §2. */
    public record Topics(String cdr, String rejected, String late, String metrics, String alerts)
            implements Serializable {
        public static final Topics DEFAULTS = new Topics("hotline.cdr", "hotline.cdr.rejected",
                "hotline.cdr.late", "hotline.metrics", "hotline.alerts");
    }

    /** Client properties for producers and consumers, with the secret taken from the environment. */
    public Properties clientProperties(Map<String, String> env) {
        Properties client = new Properties();
        client.putAll(properties);
        client.setProperty("bootstrap.servers", bootstrapServers);
        String jaas = env.get(SASL_JAAS_CONFIG_VARIABLE);
        if (jaas != null && !jaas.isBlank()) {
            client.setProperty("sasl.jaas.config", jaas);
        }
        return client;
    }
}
