package org.hotlinepulse.monitoring;

import java.util.List;

/**
 * The metrics of Flink itself (not of {@link JobMetric}) that the Prometheus rules and the Grafana
 * dashboards use, as the Prometheus reporter names them; {@link PrometheusScrapeIntegrationTest}
 * proves a real scrape of the job has each of them.
 */
final class FlinkMetricNames {
    static final List<String> ALL = List.of(
            "flink_jobmanager_numRunningJobs",
            "flink_jobmanager_job_uptime",
            "flink_jobmanager_job_numRestarts",
            "flink_jobmanager_job_numberOfCompletedCheckpoints",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_lastCheckpointDuration");

    /** Series every scrape has, whatever it scraped: Prometheus adds them. */
    static final List<String> PROMETHEUS = List.of("up");

    private FlinkMetricNames() {}
}
