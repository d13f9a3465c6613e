package org.hotlinepulse.monitoring;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.directory.Directory;

/**
 * Watches the directory versions the job receives (the one it starts with, then each reload) and
 * reports {@link JobMetric#DIRECTORY_VERSION}, how many different directories have been in force since
 * the task started (1: the starting one), and {@link JobMetric#DIRECTORY_AGE}, how long the one in
 * force has been. A reload that finds the same directory changes neither. Emits nothing; run it
 * with parallelism 1.
 */
public final class DirectoryGauges extends ProcessFunction<Directory, Void> {
    private transient Directory current;
    private transient volatile long version;
    private transient volatile long since;

    @Override
    public void open(OpenContext openContext) {
        JobMetric.DIRECTORY_VERSION.gauge(getRuntimeContext().getMetricGroup(), () -> version);
        JobMetric.DIRECTORY_AGE.gauge(getRuntimeContext().getMetricGroup(),
                () -> version == 0 ? Double.NaN : (System.currentTimeMillis() - since) / 1000.0);
    }

    @Override
    public void processElement(Directory directory, Context ctx, Collector<Void> out) {
        if (!directory.equals(current)) {
            current = directory;
            since = System.currentTimeMillis();
            version++;
        }
    }
}
