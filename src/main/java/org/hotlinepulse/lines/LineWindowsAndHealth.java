package org.hotlinepulse.lines;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.alerts.LineWatch;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.LineLedger;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.metrics.MinuteCounts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.pipeline.ListedLineWatcher;
import org.hotlinepulse.pipeline.OneTimerPerKey;
import org.hotlinepulse.pipeline.PipelineCounters;

import java.util.List;

/**
 * Everything keyed by line, in one keyed operator: the line's windows ({@link LineWindows}, rows
 * out of the main output) and its health rules ({@link LineHealthDetector}, alerts out of
 * {@link #ALERTS}), each in a keyed value of its own ("line-ledger", "line-watch"). Each CDR is read
 * once: a repeat of a call_id goes no further, any other CDR is counted and handed to the rules.
 * The directory arrives as broadcast state and applies from then on, without a restart; the lines
 * it lists are watched for silence whether they are ever called or not ({@link ListedLineWatcher}).
 *
 * <p>Each line keeps one event-time timer, at the earlier of its windows' and its rules' due
 * moments; each value records its own ({@code timer}), so the timer registered is the least of the
 * two. When it fires, whichever is due up to the watermark is served.
 */
public class LineWindowsAndHealth extends KeyedBroadcastProcessFunction<String, InputRecord, Directory, WindowMetrics>
        implements CheckpointedFunction, ListedLineWatcher {
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late") {};
    public static final OutputTag<MinuteCounts> DEPARTMENT_DELTAS = new OutputTag<>("department-deltas") {};
    /** The line-health alerts. */
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("line-alerts") {};
    /** Every CDR that is not a repeat (probes and numbers missing from the directory included), for feed health. */
    public static final OutputTag<LineEvent> CALLS = new OutputTag<>("calls") {};

    /** The directory at start, until a version arrives; {@link DirectoryBroadcast#shared} once open. */
    private Directory initialDirectory;
    private final LineWindows windows;
    private final LineHealthDetector health;

    private transient ValueState<LineLedger> ledgers;
    private transient ValueState<LineWatch> watches;
    private transient PipelineCounters counters;
    private transient ListState<Long> unknownNumbersWatchedState;

    public LineWindowsAndHealth(Directory directory, LineWindows windows, LineHealthDetector health) {
        this.initialDirectory = directory;
        this.windows = windows;
        this.health = health;
    }

    @Override
    public void open(OpenContext openContext) {
        initialDirectory = DirectoryBroadcast.shared(initialDirectory);
        ledgers = getRuntimeContext().getState(new ValueStateDescriptor<>("line-ledger", Types.POJO(LineLedger.class)));
        watches = getRuntimeContext().getState(new ValueStateDescriptor<>("line-watch", Types.POJO(LineWatch.class)));
        counters = new PipelineCounters(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(Directory directory, Context ctx, Collector<WindowMetrics> out)
            throws Exception {
        DirectoryBroadcast.set(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), directory);
    }

    @Override
    public void onListed(String line, Directory directory, TimerService timers) throws Exception {
        LineLedger ledger = ledgers.value();
        LineWatch watch = watches.value();
        long registered = timerOf(ledger, watch);
        LineWatch listed = health.listed(watch, line, directory, timers.currentWatermark());
        if (listed != null) {
            listed.timer = health.due(listed);
            watches.update(listed);
            OneTimerPerKey.move(timers, registered, timerOf(ledger, listed));
        }
    }

    @Override
    public void processElement(InputRecord record, ReadOnlyContext ctx, Collector<WindowMetrics> out)
            throws Exception {
        String number = ctx.getCurrentKey();
        Directory directory = directory(ctx);
        long watermark = ctx.timerService().currentWatermark();
        LineLedger ledger = ledgers.value();
        if (ledger == null) {
            ledger = windows.newLedger();
        }
        Attempt call = windows.count(ledger, record, directory.line(number), watermark, counters, new Outputs(ctx, out));
        if (call == null) {
            return;
        }
        ctx.output(CALLS, LineEvent.call(number, call));
        LineWatch watch = watches.value();
        // Counting leaves the ledger's due moment as it was: the timer registered is still the earlier of the two.
        long registered = timerOf(ledger, watch);
        ledger.timer = windows.due(ledger);
        ledgers.update(ledger);
        LineWatch awaiting = health.call(watch, call, number, directory, watermark, counters);
        if (awaiting != null) {
            awaiting.timer = health.due(awaiting);
            watches.update(awaiting);
            watch = awaiting;
        }
        OneTimerPerKey.move(ctx.timerService(), registered, timerOf(ledger, watch));
    }

    /** The line's one timer has fired: its windows and its rules, whichever is due up to the watermark. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowMetrics> out) throws Exception {
        String number = ctx.getCurrentKey();
        Directory directory = directory(ctx);
        long watermark = ctx.timerService().currentWatermark();
        LineLedger ledger = ledgers.value();
        if (ledger != null && ledger.timer <= watermark) {
            if (windows.close(ledger, watermark, directory.line(number), new Outputs(ctx, out))) {
                ledger.timer = windows.due(ledger);
                ledgers.update(ledger);
            } else {
                // Anything arriving for the line later is past allowed lateness: an idle line keeps no state.
                ledgers.clear();
                ledger = null;
            }
        }
        LineWatch watch = watches.value();
        if (watch != null && watch.timer <= watermark) {
            if (health.judge(watch, watch.timer, number, directory, watermark, alert -> ctx.output(ALERTS, alert))) {
                watch.timer = health.due(watch);
                watches.update(watch);
            } else {
                watches.clear();
                watch = null;
            }
        }
        OneTimerPerKey.move(ctx.timerService(), OneTimerPerKey.NONE, timerOf(ledger, watch));
    }

    /** The timer a line has registered: the earlier of its values' due moments. */
    private static long timerOf(LineLedger ledger, LineWatch watch) {
        return Math.min(ledger == null ? OneTimerPerKey.NONE : ledger.timer,
                watch == null ? OneTimerPerKey.NONE : watch.timer);
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        unknownNumbersWatchedState.update(List.of(health.unknownNumbersWatched()));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        unknownNumbersWatchedState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("unknown-numbers-watched", Types.LONG));
        long total = 0;
        for (long count : unknownNumbersWatchedState.get()) {
            total += count;
        }
        health.restoreUnknownNumbersWatched(total / getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
    }

    /** Where the windows' rows, corrections and late CDRs go. */
    private static final class Outputs implements LineWindows.Out {
        private final ReadOnlyContext ctx;
        private final Collector<WindowMetrics> out;

        Outputs(ReadOnlyContext ctx, Collector<WindowMetrics> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void row(WindowMetrics row) {
            out.collect(row);
        }

        @Override
        public void departmentDelta(MinuteCounts delta) {
            ctx.output(DEPARTMENT_DELTAS, delta);
        }

        @Override
        public void late(DeadLetter record) {
            ctx.output(LATE, record);
        }
    }
}
