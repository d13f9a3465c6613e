package org.hotlinepulse.replay;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.hotlinepulse.alerts.AlertEpisodes;
import org.hotlinepulse.alerts.AlertJson;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.job.JobSinks;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.sinks.JsonLinesFileSink;
import org.hotlinepulse.sinks.MetricsCsvFileSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a bounded run writes into its output folder (contract §7). */
public final class ReplayOutputs implements JobSinks {
    public static final String METRICS = "metrics.csv";
    public static final String REJECTED = "rejected.jsonl";
    public static final String LATE = "late.jsonl";
    public static final String ALERTS = "alerts.jsonl";
    /** The state changes as the job emits them; {@link #writeAlertEpisodes} turns them into {@link #ALERTS}. */
    static final String ALERT_CHANGES = "alerts.changes.jsonl";

    private final Path dir;
    private final boolean writeMetrics;

    /** The outputs of a replay, {@code metrics.csv} included. */
    public ReplayOutputs(Path dir) {
        this(dir, true);
    }

    /** With writeMetrics false, metrics rows are counted and dropped ({@link DiscardedMetricsRows}). */
    ReplayOutputs(Path dir, boolean writeMetrics) {
        this.dir = dir;
        this.writeMetrics = writeMetrics;
    }

    @Override
    public void metrics(DataStream<WindowMetrics> rows) {
        if (writeMetrics) {
            rows.sinkTo(new MetricsCsvFileSink(dir.resolve(METRICS)))
                    .name(METRICS).uid("metrics-csv").setParallelism(1);
        } else {
            rows.map(new DiscardedMetricsRows()).name("count metrics rows").uid("metrics-row-count").setParallelism(1)
                    .sinkTo(new DiscardingSink<>()).name("metrics discarded").uid("metrics-discarded").setParallelism(1);
        }
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

    /** Records the alert state changes of the run, for {@link #writeAlertEpisodes} once it has ended. */
    @Override
    public void alerts(DataStream<Alert> changes) {
        changes.sinkTo(new JsonLinesFileSink<>(dir.resolve(ALERT_CHANGES), AlertJson::changeLine))
                .name(ALERT_CHANGES).uid("alert-changes-jsonl").setParallelism(1);
    }

    /** After a failed run: removes what it wrote, so that no partial output looks complete. */
    void discard() throws IOException {
        for (String name : new String[] {METRICS, REJECTED, LATE, ALERT_CHANGES, ALERTS}) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /**
     * After the bounded job has finished: writes {@code alerts.jsonl}, one line per episode, from
     * the changes {@link #alerts} recorded, and removes their file. Without recorded changes (the
     * job had no alert stream) the file is written empty.
     */
    public void writeAlertEpisodes() throws IOException {
        Path changes = dir.resolve(ALERT_CHANGES);
        if (!Files.exists(changes)) {
            Files.writeString(dir.resolve(ALERTS), "");
            return;
        }
        AlertEpisodes.collapse(changes, dir.resolve(ALERTS));
        Files.delete(changes);
    }
}
