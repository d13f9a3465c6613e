package org.hotlinepulse.config;

import org.hotlinepulse.directory.ThresholdKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShippedJobConfigUnitTest {
    static final Path SHIPPED = Path.of("jobs/hotline-metrics.yaml");

    @Test
    void theShippedFileStatesTheDefaults() throws Exception {
        assertThat(JobConfigLoader.load(SHIPPED)).isEqualTo(JobConfig.DEFAULTS);
    }

    @Test
    void everyAlertThresholdIsDocumented() throws Exception {
        String text = Files.readString(SHIPPED);
        for (ThresholdKey key : ThresholdKey.values()) {
            assertThat(text).as("the shipped file documents " + key.key()).contains("#   " + key.key() + ": ");
        }
    }

    @Test
    void theEnvironmentOverridesWhatDiffersBetweenDeployments() throws Exception {
        JobConfig config = JobConfigLoader.load(SHIPPED, Map.of(
                JobConfigLoader.BOOTSTRAP_SERVERS_VARIABLE, "kafka-1:9093",
                JdbcConfig.URL_VARIABLE, "jdbc:postgresql://db:5432/ops",
                JdbcConfig.USER_VARIABLE, "ops",
                JobConfigLoader.CHECKPOINT_DIR_VARIABLE, "file:///srv/checkpoints"));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9093");
        assertThat(config.jdbc()).isEqualTo(new JdbcConfig("jdbc:postgresql://db:5432/ops", "ops"));
        assertThat(config.runtime().checkpointDir()).isEqualTo("file:///srv/checkpoints");
        assertThat(config.kafka().clientProperties(Map.of(KafkaConfig.SASL_JAAS_CONFIG_VARIABLE, "jaas")))
                .containsEntry("sasl.jaas.config", "jaas")
                .containsEntry("bootstrap.servers", "kafka-1:9093");
    }

    @Test
    void secretsInTheFileAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"),
                "kafka:\n  properties:\n    ssl.truststore.password: hunter2\n");
        assertThatThrownBy(() -> JobConfigLoader.load(file))
                .hasMessageStartingWith(file + ": kafka.properties.ssl.truststore.password: secrets do not belong");
        for (String key : new String[] {"ssl.keystore.key", "ssl.key.password", "SASL.JAAS.CONFIG",
                "sasl.oauthbearer.client.credentials.client.secret", "basic.auth.user.info"}) {
            Path keyed = Files.writeString(dir.resolve("job-" + key + ".yaml"),
                    "kafka:\n  properties:\n    " + key + ": \"-----BEGIN PRIVATE KEY-----\"\n");
            assertThatThrownBy(() -> JobConfigLoader.load(keyed)).as(key)
                    .hasMessageStartingWith(keyed + ": kafka.properties." + key + ": secrets do not belong")
                    .hasMessageNotContaining("BEGIN");
        }
    }

    @Test
    void secretClientPropertiesComeFromTheSecretsFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path secrets = Files.writeString(dir.resolve("kafka-secrets.properties"),
                "ssl.keystore.password=hunter2\nssl.key.password=hunter3\n");
        KafkaConfig kafka = new KafkaConfig("kafka-1:9093", "g", KafkaConfig.Topics.DEFAULTS,
                Map.of("security.protocol", "SSL"));
        assertThat(kafka.clientProperties(Map.of(KafkaConfig.SECRETS_FILE_VARIABLE, secrets.toString())))
                .containsEntry("ssl.keystore.password", "hunter2").containsEntry("ssl.key.password", "hunter3")
                .containsEntry("security.protocol", "SSL");
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> kafka.clientProperties(
                Map.of(KafkaConfig.SECRETS_FILE_VARIABLE, missing.toString())))
                .hasMessageStartingWith(KafkaConfig.SECRETS_FILE_VARIABLE + "=" + missing + ": cannot be read");
    }
}
