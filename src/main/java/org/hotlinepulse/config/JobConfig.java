package org.hotlinepulse.config;

import java.io.Serializable;

/** The typed configuration of the hotline-metrics job, as loaded by {@link JobConfigLoader}. */
public record JobConfig(MetricsConfig metrics, KafkaConfig kafka, JdbcConfig jdbc,
                        DirectorySourceConfig directory, RuntimeConfig runtime, AlertsConfig alerts,
                        AlertmanagerConfig alertmanager, MonitoringConfig monitoring)
        implements Serializable {

    public static final JobConfig DEFAULTS = new JobConfig(MetricsConfig.DEFAULTS,
            KafkaConfig.DEFAULTS, JdbcConfig.DEFAULTS, DirectorySourceConfig.DEFAULTS,
            RuntimeConfig.DEFAULTS, AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);

    /** A configuration without a metrics reporter. */
    public JobConfig(MetricsConfig metrics, KafkaConfig kafka, JdbcConfig jdbc, DirectorySourceConfig directory,
                     RuntimeConfig runtime, AlertsConfig alerts, AlertmanagerConfig alertmanager) {
        this(metrics, kafka, jdbc, directory, runtime, alerts, alertmanager, MonitoringConfig.DEFAULTS);
    }

    public JobConfig withMetrics(MetricsConfig metrics) {
        return new JobConfig(metrics, kafka, jdbc, directory, runtime, alerts, alertmanager, monitoring);
    }

    public JobConfig withMonitoring(MonitoringConfig monitoring) {
        return new JobConfig(metrics, kafka, jdbc, directory, runtime, alerts, alertmanager, monitoring);
    }
}
