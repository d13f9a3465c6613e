package org.hotlinepulse.alertmanager;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;

import java.util.Map;

/**
 * Where a job's alert state changes leave for Prometheus Alertmanager: an {@link AlertmanagerOperator}
 * at the end of the alert stream. It runs with parallelism 1: all state of an episode must stay with
 * one operator instance, also after a rescale.
 */
public final class AlertmanagerSink {
    private AlertmanagerSink() {}

    /**
     * Adds delivery to the graph of {@code alerts} when {@code config} names instances; the token
     * is read from {@code env} now and travels with the job graph. Changes are delivered once the
     * checkpoint after them has completed, so the job must have checkpointing on.
     */
    public static void attach(DataStream<Alert> alerts, AlertmanagerConfig config, Map<String, String> env) {
        if (!config.enabled()) {
            return;
        }
        if (!alerts.getExecutionEnvironment().getCheckpointConfig().isCheckpointingEnabled()) {
            throw new IllegalStateException("Alertmanager delivery (alertmanager.urls) waits for checkpoints,"
                    + " but checkpointing is off: set runtime.checkpoint_interval");
        }
        alerts.transform("Alertmanager", Types.VOID, new AlertmanagerOperator(config, AlertmanagerConfig.token(env)))
                .uid("alertmanager").setParallelism(1);
    }
}
