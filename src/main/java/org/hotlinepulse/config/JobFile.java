package org.hotlinepulse.config;

import org.hotlinepulse.directory.ThresholdKey;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A job configuration file as written, bound by Jackson: a section or key left out is null. */
record JobFile(Metrics metrics, Kafka kafka, Jdbc jdbc, Directory directory, Runtime runtime, Alerts alerts,
               Alertmanager alertmanager, Monitoring monitoring) {

    static final JobFile EMPTY = new JobFile(null, null, null, null, null, null, null, null);

    record Metrics(List<Integer> windowsMinutes, Duration maxOutOfOrderness, Duration allowedLateness,
                   Double shortAbandonSeconds, Double serviceLevelSeconds, Duration duplicateHorizon) {}

    record Kafka(String bootstrapServers, String groupId, Topics topics, Map<String, String> properties) {}

    record Topics(String cdr, String rejected, String late, String metrics, String alerts) {}

    record Jdbc(String url, String user) {}

    record Directory(DirectorySourceConfig.Source source, String file, Duration reloadInterval) {}

    record Runtime(Duration checkpointInterval, String checkpointDir, String savepointDir,
                   Duration restartBackoffInitial, Duration restartBackoffMax, Duration restartBackoffResetAfter,
                   Duration quietPartitionAfter, Integer parallelism, RuntimeConfig.StateBackend stateBackend) {}

    record Alerts(Map<ThresholdKey, Double> thresholds, List<String> feeds) {}

    record Alertmanager(List<String> urls, Duration resendInterval, Duration timeout, Duration maxBackoff) {}

    record Monitoring(Integer prometheusPort) {}
}
