package org.hotlinepulse.alertmanager;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Delivers alert state changes to Prometheus Alertmanager through an {@link AlertmanagerDelivery}
 * driven by processing-time timers (re-sends and retries happen while no change arrives). Its
 * checkpointed state is the firing alerts and the undelivered resolutions, so a restart resumes
 * re-sending them. Runs with parallelism 1: the state of one episode must stay with one writer.
 */
public final class AlertmanagerSink implements Sink<Alert>, SupportsWriterState<Alert, Alert> {
    /** The first retry pause; the back-off doubles it up to the configured maximum. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final AlertmanagerConfig config;
    private final String token;

    /** @param token the bearer token, or null; see {@link AlertmanagerConfig#token} */
    public AlertmanagerSink(AlertmanagerConfig config, String token) {
        this.config = config;
        this.token = token;
    }

    /**
     * Adds the sink to the graph of {@code alerts} when {@code config} names instances; the token
     * is read from {@code env} now and travels with the job graph.
     */
    public static void attach(DataStream<Alert> alerts, AlertmanagerConfig config, Map<String, String> env) {
        if (!config.enabled()) {
            return;
        }
        alerts.sinkTo(new AlertmanagerSink(config, AlertmanagerConfig.token(env)))
                .name("Alertmanager").uid("alertmanager").setParallelism(1);
    }

    @Override
    public StatefulSinkWriter<Alert, Alert> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<Alert, Alert> restoreWriter(WriterInitContext context, Collection<Alert> state) {
        AlertmanagerDelivery delivery = new AlertmanagerDelivery(
                config.urls().stream().map(url -> new AlertmanagerClient(url, token, config.timeout())).toList(),
                config.resendInterval(), new Backoff(FIRST_RETRY, config.maxBackoff()));
        state.forEach(delivery::accept);
        Writer writer = new Writer(delivery, context.getProcessingTimeService());
        writer.deliverAndSchedule();
        return writer;
    }

    @Override
    public SimpleVersionedSerializer<Alert> getWriterStateSerializer() {
        return new StateSerializer();
    }

    private static final class Writer implements StatefulSinkWriter<Alert, Alert> {
        private final AlertmanagerDelivery delivery;
        private final ProcessingTimeService time;
        private long timerAt = Long.MAX_VALUE;

        Writer(AlertmanagerDelivery delivery, ProcessingTimeService time) {
            this.delivery = delivery;
            this.time = time;
        }

        @Override
        public void write(Alert alert, Context context) {
            delivery.accept(alert);
            deliverAndSchedule();
        }

        @Override
        public void flush(boolean endOfInput) {
            deliverAndSchedule();
        }

        @Override
        public List<Alert> snapshotState(long checkpointId) {
            return delivery.state();
        }

        @Override
        public void close() {}

        void deliverAndSchedule() {
            long now = time.getCurrentProcessingTime();
            delivery.deliverDue(Instant.ofEpochMilli(now));
            Instant next = delivery.nextDue();
            if (next == null) {
                return;
            }
            long at = Math.max(next.toEpochMilli(), now + 1);
            // One timer at a time; an earlier one replaces it, a stale one just finds nothing due.
            if (at < timerAt) {
                timerAt = at;
                time.registerTimer(at, firedAt -> {
                    timerAt = Long.MAX_VALUE;
                    deliverAndSchedule();
                });
            }
        }
    }

    /** The writer state: each alert in Avro single-object encoding. */
    private static final class StateSerializer implements SimpleVersionedSerializer<Alert> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Alert alert) throws IOException {
            return AlertBytes.encode(alert);
        }

        @Override
        public Alert deserialize(int version, byte[] serialized) throws IOException {
            return AlertBytes.decode(serialized);
        }
    }
}
