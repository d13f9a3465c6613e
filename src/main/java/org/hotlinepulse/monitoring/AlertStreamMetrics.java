package org.hotlinepulse.monitoring;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;

import java.util.EnumMap;
import java.util.Map;

/**
 * Passes the job's alerts on unchanged and measures them: alerts fired by type
 * ({@link JobMetric#ALERTS_FIRED}) and how far the job's event time is behind the wall clock
 * ({@link JobMetric#WATERMARK_LAG}). It sits at the end of the graph, where the watermark is the
 * minimum over every path the CDRs take, so the lag is that of the slowest of them.
 */
public final class AlertStreamMetrics extends AbstractStreamOperator<Alert> implements OneInputStreamOperator<Alert, Alert> {
    private transient Map<AlertType, Counter> fired;
    private transient volatile long watermark;

    @Override
    public void open() throws Exception {
        super.open();
        fired = new EnumMap<>(AlertType.class);
        for (AlertType type : AlertType.values()) {
            fired.put(type, JobMetric.ALERTS_FIRED.counter(getMetricGroup(), type.name()));
        }
        watermark = Long.MIN_VALUE;
        JobMetric.WATERMARK_LAG.gauge(getMetricGroup(), () -> lagSeconds(watermark, System.currentTimeMillis()));
    }

    @Override
    public void processElement(StreamRecord<Alert> element) {
        Alert alert = element.getValue();
        if (alert.getState() == AlertState.FIRING) {
            fired.get(alert.getType()).inc();
        }
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    /** Seconds from the watermark to now; NaN before the first watermark (no event time yet). */
    static double lagSeconds(long watermark, long now) {
        return watermark == Long.MIN_VALUE ? Double.NaN : (now - watermark) / 1000.0;
    }
}
