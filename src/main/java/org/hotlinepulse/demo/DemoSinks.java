package org.hotlinepulse.demo;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.job.JobSinks;
import org.hotlinepulse.metrics.WindowMetrics;

/**
 * The demo's outputs: metrics rows and alert changes into the embedded store the dashboard reads,
 * alert changes and any rejected or late CDR onto the console.
 */
final class DemoSinks implements JobSinks {
    private final String store;
    private final AlertConsoleLine consoleLine;

    DemoSinks(String store, AlertConsoleLine consoleLine) {
        this.store = store;
        this.consoleLine = consoleLine;
    }

    @Override
    public void metrics(DataStream<WindowMetrics> rows) {
        String name = store;
        rows.sinkTo(new InProcessSink<>(row -> DemoStores.get(name).put(row)))
                .name("metrics (demo store)").setParallelism(1);
    }

    @Override
    public void alerts(DataStream<Alert> changes) {
        String name = store;
        AlertConsoleLine line = consoleLine;
        changes.sinkTo(new InProcessSink<>(alert -> {
            DemoStores.get(name).put(alert);
            System.out.println(line.format(alert));
        })).name("alerts (demo store, console)").setParallelism(1);
    }

    @Override
    public void rejected(DataStream<DeadLetter> records) {
        records.sinkTo(new InProcessSink<>(record -> System.out.println("rejected CDR: " + record.reason)))
                .name("rejected (console)").setParallelism(1);
    }

    @Override
    public void late(DataStream<DeadLetter> records) {
        records.sinkTo(new InProcessSink<>(record -> System.out.println("late CDR: " + record.reason)))
                .name("late (console)").setParallelism(1);
    }
}
