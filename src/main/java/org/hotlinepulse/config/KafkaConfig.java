package org.hotlinepulse.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How the live job reaches Kafka: brokers, consumer group, topic names and further client
 * properties (security.protocol, sasl.mechanism, ...). Secrets are never in the file: the SASL
 * JAAS configuration comes from the environment ({@link #SASL_JAAS_CONFIG_VARIABLE}), and any
 * other secret client property (key store passwords, an inline private key, OAuth client
 * secrets) from a properties file named by {@link #SECRETS_FILE_VARIABLE}.
 */
public record KafkaConfig(String bootstrapServers, String groupId, Topics topics,
                          Map<String, String> properties) implements Serializable {

    public static final String SASL_JAAS_CONFIG_VARIABLE = "HOTLINE_PULSE_KAFKA_SASL_JAAS_CONFIG";
    public static final String SECRETS_FILE_VARIABLE = "HOTLINE_PULSE_KAFKA_SECRETS_FILE";

    public static final KafkaConfig DEFAULTS = new KafkaConfig("localhost:9092", "hotline-metrics",
            Topics.DEFAULTS, Map.of());

    public KafkaConfig {
        properties = Map.copyOf(properties);
    }

    /** The topics of contract §2. */
    public record Topics(String cdr, String rejected, String late, String metrics, String alerts)
            implements Serializable {
        public static final Topics DEFAULTS = new Topics("hotline.cdr", "hotline.cdr.rejected",
                "hotline.cdr.late", "hotline.metrics", "hotline.alerts");
    }

    /**
     * Whether a Kafka client property holds a secret, so that it may not be written in a job
     * file: passwords, JAAS configuration, an inline private key, client secrets, tokens.
     */
    public static boolean isSecret(String property) {
        String key = property.toLowerCase(Locale.ROOT);
        return key.contains("password") || key.contains("secret") || key.contains("jaas")
                || key.contains("token") || key.contains("credentials") || key.contains("user.info")
                || key.equals("ssl.keystore.key");
    }

    /** Client properties for producers and consumers, with the secrets taken from the environment. */
    public Properties clientProperties(Map<String, String> env) {
        Properties client = new Properties();
        client.putAll(properties);
        String secretsFile = env.get(SECRETS_FILE_VARIABLE);
        if (secretsFile != null && !secretsFile.isBlank()) {
            try (Reader in = Files.newBufferedReader(Path.of(secretsFile), StandardCharsets.UTF_8)) {
                client.load(in);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(SECRETS_FILE_VARIABLE + "=" + secretsFile + ": cannot be read: "
                        + e.getMessage());
            }
        }
        client.setProperty("bootstrap.servers", bootstrapServers);
        String jaas = env.get(SASL_JAAS_CONFIG_VARIABLE);
        if (jaas != null && !jaas.isBlank()) {
            client.setProperty("sasl.jaas.config", jaas);
        }
        return client;
    }
}
