package org.hotlinepulse.replay;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.job.JobSinks;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.sinks.JsonLinesFileSink;
import org.hotlinepulse.sinks.MetricsCsvFileSink;

import java.nio.file.Path;

/** The files a bounded run writes into its output folder (DESIGN §7). */
public final class ReplayOutputs implements JobSinks {
    public static final String METRICS = "metrics.csv";
    public static final String REJECTED = "rejected.jsonl";
    public static final String LATE = "late.jsonl";
    public static final String ALERTS = "alerts.jsonl";

    private final Path dir;

    public ReplayOutputs(Path dir) {
        this.dir = dir;
    }

    @Override
    public void metrics(DataStream<WindowMetrics> rows) {
        rows.sinkTo(new MetricsCsvFileSink(dir.resolve(METRICS)))
                .name(METRICS).uid("metrics-csv").setParallelism(1);
    }

    @Override
    public void rejected(DataStream<DeadLetter> records) {
        records.sinkTo(new JsonLinesFileSink<>(dir.resolve(REJECTED), DeadLetter::toJsonLine))
                .name(REJECTED).uid("rejected-jsonl").setParallelism(1);
    }

    @Override
    public void late(DataStream<DeadLetter> records) {
        records.sinkTo(new JsonLinesFileSink<>(dir.resolve(LATE), DeadLetter::toJsonLine))
                .name(LATE).uid("late-jsonl").setParallelism(1);
    }
}
