package org.hotlinepulse.config;

import java.io.Serializable;

/** The typed configuration of the hotline-metrics job, as loaded by {@link JobConfigLoader}. */
public record JobConfig(MetricsConfig metrics, JdbcConfig jdbc) implements Serializable {

    public static final JobConfig DEFAULTS = new JobConfig(MetricsConfig.DEFAULTS, JdbcConfig.DEFAULTS);
}
