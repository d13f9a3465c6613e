package org.hotlinepulse.live;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.job.JobSinks;
import org.hotlinepulse.alertmanager.AlertmanagerSink;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.kafka.AlertSerializer;
import org.hotlinepulse.kafka.DeadLetterSerializer;
import org.hotlinepulse.kafka.MetricsSerializer;
import org.hotlinepulse.kafka.SkipRepublishedAlerts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.MetricsSinkSettings;
import org.hotlinepulse.postgres.PostgresAlertSink;
import org.hotlinepulse.postgres.PostgresMetricsSink;

import java.util.Map;
import java.util.Properties;

/**
 * The live job's outputs. Metrics rows are upserts keyed by row, so at-least-once delivery gives
 * exactly-once results in PostgreSQL and on the compacted topic; alert changes are written at least
 * once and never twice; dead letters are not idempotent and are written in Kafka transactions
 * committed with each checkpoint.
 */
public final class LiveSinks implements JobSinks {
    private static final String TRANSACTION_TIMEOUT_MS = String.valueOf(10 * 60 * 1000);

    private final JobConfig config;
    private final Map<String, String> env;
    private final Properties kafkaProperties;

    public LiveSinks(JobConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
        this.kafkaProperties = config.kafka().clientProperties(env);
    }

    @Override
    public void metrics(DataStream<WindowMetrics> rows) {
        PostgresMetricsSink.attach(rows, config.jdbc(), env, MetricsSinkSettings.DEFAULTS);
        rows.sinkTo(kafkaSink(new MetricsSerializer(config.kafka().topics().metrics()),
                        DeliveryGuarantee.AT_LEAST_ONCE, null))
                .name("hotline.metrics").uid("metrics-kafka");
    }

    @Override
    public void rejected(DataStream<DeadLetter> records) {
        String topic = config.kafka().topics().rejected();
        records.sinkTo(kafkaSink(new DeadLetterSerializer(topic), DeliveryGuarantee.EXACTLY_ONCE,
                        "hotline-pulse-rejected"))
                .name(topic).uid("rejected-kafka");
    }

    @Override
    public void late(DataStream<DeadLetter> records) {
        String topic = config.kafka().topics().late();
        records.sinkTo(kafkaSink(new DeadLetterSerializer(topic), DeliveryGuarantee.EXACTLY_ONCE,
                        "hotline-pulse-late"))
                .name(topic).uid("late-kafka");
    }

    /**
     * Delivers the alert state changes: to {@code hotline.alerts} as soon as they are made, each
     * (episode id, state) once although a restart makes some of them again ({@link
     * SkipRepublishedAlerts}), upserted into PostgreSQL {@code alerts}, and to Alertmanager when the
     * configuration names instances.
     */
    @Override
    public void alerts(DataStream<Alert> alerts) {
        PostgresAlertSink.attach(alerts, config.jdbc(), env, MetricsSinkSettings.DEFAULTS);
        AlertmanagerSink.attach(alerts, config.alertmanager(), env);
        String topic = config.kafka().topics().alerts();
        alerts.process(new SkipRepublishedAlerts(kafkaProperties, topic))
                .name("skip republished alerts").uid("alerts-kafka-published")
                .sinkTo(kafkaSink(new AlertSerializer(topic), DeliveryGuarantee.AT_LEAST_ONCE, null))
                .name(topic).uid("alerts-kafka");
    }

    private <T> KafkaSink<T> kafkaSink(KafkaRecordSerializationSchema<T> serializer,
                                       DeliveryGuarantee guarantee, String transactionalIdPrefix) {
        Properties properties = new Properties();
        properties.putAll(kafkaProperties);
        properties.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(guarantee);
        if (transactionalIdPrefix != null) {
            builder.setTransactionalIdPrefix(config.kafka().groupId() + "-" + transactionalIdPrefix);
        }
        return builder.build();
    }
}
