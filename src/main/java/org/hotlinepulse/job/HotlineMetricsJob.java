package org.hotlinepulse.job;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hotlinepulse.pipeline.RejectedRecordRouter;
import org.hotlinepulse.alerts.AlertThresholds;
import org.hotlinepulse.alerts.FeedEvent;
import org.hotlinepulse.alerts.FeedHealthDetector;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.alerts.StaleFeedSilences;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.MetricsConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.DepartmentAnswerRates;
import org.hotlinepulse.metrics.DepartmentWindows;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.lines.LineWindowsAndHealth;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.monitoring.AlertStreamMetrics;
import org.hotlinepulse.monitoring.DirectoryGauges;

import java.util.List;

/**
 * The hotline-metrics job graph, the only place it is assembled. {@code run}, {@code demo} and
 * {@code replay} hand in their CDR source, how event time advances, and their sinks; the transformations
 * between them are the same for all three:
 *
 * <pre>
 * source (reads, validates) → route rejected ─► rejected
 *   (+ clock, live only: {@link EventTime}) → keyBy line → windows and health per line ─► late
 *        │  (the 1/15/60 min windows and the line-health rules: one keyed operator, one state read per CDR)
 *        ├─ line rows ────────────────────────────────────────────────────────────────────────────────► metrics
 *        ├─ closed minutes → keyBy department → windows per department ───────────────────────────────► metrics
 *        ├─ line alerts ──────────────────────────────────────────┐
 *        └─ calls (repeats removed) → keyBy source → feed health ─┴─ SILENT of stale feeds held back ─► alerts
 * (the directory joins as broadcast state: {@link DirectorySideInput}; the per-line operator also watches the
 * lines it lists, called or not: {@link ListedLinesSideInput}; alerts pass {@link AlertStreamMetrics},
 * and the directory and department rows also feed monitoring gauges: {@link #observe})
 * </pre>
 */
public final class HotlineMetricsJob {
    private final JobConfig config;
    private final Directory directory;
    private final Source<InputRecord, ?, ?> cdrSource;
    private final EventTime eventTime;
    private final Source<Directory, ?, ?> directoryUpdates;
    private final JobSinks sinks;

    /**
     * @param directory the directory at start
     * @param directoryUpdates later versions of the directory, or null when it never changes
     */
    public HotlineMetricsJob(JobConfig config, Directory directory,
                             Source<InputRecord, ?, ?> cdrSource,
                             EventTime eventTime,
                             Source<Directory, ?, ?> directoryUpdates, JobSinks sinks) {
        this.config = config;
        this.directory = directory;
        this.cdrSource = cdrSource;
        this.eventTime = eventTime;
        this.directoryUpdates = directoryUpdates;
        this.sinks = sinks;
    }

    /** Adds the job's operators to the environment. */
    public void buildOn(StreamExecutionEnvironment env) {
        MetricsConfig metrics = config.metrics();

        SingleOutputStreamOperator<InputRecord> cdrs = env
                .fromSource(cdrSource, eventTime.cdrWatermarks(), "cdr-source").uid("cdr-source")
                .process(new RejectedRecordRouter()).name("route rejected").uid("route-rejected");

        DataStream<Directory> directories = directoryVersions(env);

        SingleOutputStreamOperator<WindowMetrics> lineRows = ListedLinesSideInput.join(
                        eventTime.withClock(cdrs).keyBy(record -> record.cdr.getLine()), directories,
                        new LineWindowsAndHealth(directory,
                                new LineWindows(metrics.settings(), metrics.windowMinutes(),
                                        metrics.allowedLateness(), metrics.duplicateHorizon()),
                                new LineHealthDetector(alertThresholds(), eventTime.watermarkLag())),
                        directory, TypeInformation.of(WindowMetrics.class), "windows and health per line")
                .uid("line-windows");

        DataStream<WindowMetrics> departmentRows = lineRows
                .getSideOutput(LineWindowsAndHealth.DEPARTMENT_DELTAS)
                .keyBy(minute -> minute.department)
                .process(new DepartmentWindows(metrics.windowMinutes(), metrics.allowedLateness()))
                .name("windows per department").uid("department-windows");

        DataStream<Alert> lineAlerts = lineRows.getSideOutput(LineWindowsAndHealth.ALERTS);
        DataStream<Alert> feedAlerts = DirectorySideInput.join(
                        lineRows.getSideOutput(LineWindowsAndHealth.CALLS)
                                .map(FeedEvent::of).name("feed events").uid("feed-events")
                                .keyBy(event -> event.source),
                        directories,
                        new FeedHealthDetector(directory, FeedHealthDetector.DEFAULT_STALE_MINUTES,
                                config.alerts().feeds()),
                        TypeInformation.of(Alert.class), "feed health")
                .uid("feed-health");
        DataStream<Alert> allAlerts = lineAlerts.union(feedAlerts);
        DataStream<Alert> alerts = allAlerts
                .filter(alert -> !StaleFeedSilences.concernsAFeed(alert))
                .name("line alerts").uid("line-alerts")
                .union(allAlerts
                        .filter(StaleFeedSilences::concernsAFeed)
                        .name("feed and silence alerts").uid("feed-alerts")
                        .keyBy(StaleFeedSilences::feedOf)
                        .process(new StaleFeedSilences())
                        .name("stale feed silences").uid("stale-feed-silences"))
                .transform("alert metrics", TypeInformation.of(Alert.class), new AlertStreamMetrics())
                .uid("alert-metrics");
        observe(directories, departmentRows);

        sinks.metrics(lineRows.union(departmentRows));
        sinks.alerts(alerts);
        sinks.rejected(cdrs.getSideOutput(RejectedRecordRouter.REJECTED));
        sinks.late(lineRows.getSideOutput(LineWindowsAndHealth.LATE));
    }

    /** Gauges of the directory in force and of departments' answer rates, for monitoring; they emit nothing. */
    private void observe(DataStream<Directory> directories, DataStream<WindowMetrics> departmentRows) {
        directories.process(new DirectoryGauges()).name("directory gauges").uid("directory-gauges").setParallelism(1);
        int smallestWindow = config.metrics().windowMinutes().stream().mapToInt(Integer::intValue).min().orElseThrow();
        departmentRows.process(new DepartmentAnswerRates(smallestWindow))
                .name("department answer rates").uid("department-answer-rates").setParallelism(1);
    }

    private AlertThresholds alertThresholds() {
        return new AlertThresholds(config.alerts().thresholds(),
                AlertThresholds.DEFAULT_UNKNOWN_LINE_ATTEMPTS, AlertThresholds.DEFAULT_UNKNOWN_LINE_WINDOW_MINUTES,
                AlertThresholds.DEFAULT_UNKNOWN_LINE_QUIET_HOURS);
    }

    private DataStream<Directory> directoryVersions(StreamExecutionEnvironment env) {
        if (directoryUpdates == null) {
            return env.fromData(List.of(directory), TypeInformation.of(Directory.class))
                    .name("directory");
        }
        return env.fromSource(directoryUpdates, CdrWatermarks.neverHoldingBack(), "directory updates")
                .uid("directory-updates").setParallelism(1);
    }
}
