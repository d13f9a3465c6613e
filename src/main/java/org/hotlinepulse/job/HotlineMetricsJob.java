package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hotlinepulse.cdr.RejectedRecordRouter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.MetricsConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.DepartmentWindows;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.metrics.WindowMetrics;

/**
 * The hotline-metrics job graph, the only place it is assembled. {@code run}, {@code demo} and
 * {@code replay} hand in their CDR source, watermark strategy and sinks; the transformations
 * between them are the same for all three:
 *
 * <pre>
 * source (reads, validates) → route rejected ─► rejected
 *   → keyBy line → windows per line (1/15/60 min) ─► late ──────────────────► metrics
 *        └─ closed minutes → keyBy department → windows per department ──► metrics
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

        SingleOutputStreamOperator<WindowMetrics> lineRows = cdrs
                .keyBy(record -> record.cdr.getLine())
                .process(new LineWindows(directory, metrics.settings(), metrics.windowMinutes(),
                        metrics.allowedLateness(), metrics.duplicateHorizon()))
                .name("windows per line").uid("line-windows");

        DataStream<WindowMetrics> departmentRows = lineRows
                .getSideOutput(LineWindows.DEPARTMENT_DELTAS)
                .keyBy(minute -> minute.department)
                .process(new DepartmentWindows(metrics.windowMinutes(), metrics.allowedLateness()))
                .name("windows per department").uid("department-windows");

        sinks.metrics(lineRows.union(departmentRows));
        sinks.rejected(cdrs.getSideOutput(RejectedRecordRouter.REJECTED));
        sinks.late(lineRows.getSideOutput(LineWindows.LATE));
    }
}
