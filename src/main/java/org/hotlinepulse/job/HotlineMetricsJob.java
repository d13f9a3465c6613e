package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.RejectedRecordRouter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.MetricsConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.LineMinuteCounter;
import org.hotlinepulse.metrics.MinuteCounts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.metrics.WindowRollup;

/**
 * The hotline-metrics job graph, the only place it is assembled. {@code run}, {@code demo} and
 * {@code replay} hand in their CDR source, watermark strategy and sinks; the transformations
 * between them are the same for all three:
 *
 * <pre>
 * source (reads, validates) → route rejected ─► rejected
 *        → keyBy line → count per line and minute ─► late
 *             ├─ roll up per line        (1/15/60 min) ─┐
 *             └─ keyBy department → roll up per department ─┴─► metrics
 * </pre>
 */
public final class HotlineMetricsJob {
    private final JobConfig config;
    private final Directory directory;
    private final Source<InputRecord, ?, ?> cdrSource;
    private final WatermarkStrategy<InputRecord> watermarks;
    private final JobSinks sinks;

    public HotlineMetricsJob(JobConfig config, Directory directory,
                             Source<InputRecord, ?, ?> cdrSource,
                             WatermarkStrategy<InputRecord> watermarks, JobSinks sinks) {
        this.config = config;
        this.directory = directory;
        this.cdrSource = cdrSource;
        this.watermarks = watermarks;
        this.sinks = sinks;
    }

    /** Adds the job's operators to the environment. */
    public void buildOn(StreamExecutionEnvironment env) {
        MetricsConfig metrics = config.metrics();

        SingleOutputStreamOperator<InputRecord> cdrs = env
                .fromSource(cdrSource, watermarks, "cdr-source").uid("cdr-source")
                .process(new RejectedRecordRouter()).name("route rejected").uid("route-rejected");

        SingleOutputStreamOperator<MinuteCounts> minutes = cdrs
                .keyBy(record -> record.cdr.getLine())
                .process(new LineMinuteCounter(directory, metrics.settings(),
                        metrics.allowedLateness(), metrics.duplicateHorizon()))
                .name("count per line and minute").uid("line-minute-counter");

        DataStream<WindowMetrics> lineRows = DataStreamUtils
                .reinterpretAsKeyedStream(minutes, m -> m.line)
                .process(new WindowRollup(Scope.line, metrics.windowMinutes(),
                        metrics.allowedLateness()))
                .name("roll up per line").uid("line-rollup");

        DataStream<WindowMetrics> departmentRows = minutes
                .filter(m -> m.department != null).name("lines with a department")
                .keyBy(m -> m.department)
                .process(new WindowRollup(Scope.department, metrics.windowMinutes(),
                        metrics.allowedLateness()))
                .name("roll up per department").uid("department-rollup");

        sinks.metrics(lineRows.union(departmentRows));
        sinks.rejected(cdrs.getSideOutput(RejectedRecordRouter.REJECTED));
        sinks.late(minutes.getSideOutput(LineMinuteCounter.LATE));
    }
}
