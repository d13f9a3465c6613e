package org.hotlinepulse.bench;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.alerts.AlertThresholds;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.MetricsConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.TrafficSimulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One of the job's keyed per-line operators in a test harness on a chosen state backend, fed
 * simulated traffic with the watermark trailing it as the job's does, and its checkpoint
 * measured: the bytes of its keyed state, the keys holding state and the timers registered.
 */
final class PerLineState<IN> implements AutoCloseable {
    /** The job's defaults: windows of 1, 15 and 60 min, 10 min out of order, 4 h lateness, 24 h horizon. */
    static final MetricsConfig METRICS = MetricsConfig.DEFAULTS;
    private static final long WATERMARK_EVERY_MS = 60_000;

    enum Operator { LINE_WINDOWS, LINE_HEALTH }

    enum Backend {
        HEAP, ROCKSDB;

        StateBackend create() {
            if (this == HEAP) {
                return new HashMapStateBackend();
            }
            // Full snapshots: the checkpoint holds all of the state, not a delta.
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend(false);
            // A task manager gives RocksDB hundreds of megabytes of managed memory; the harness's
            // mock environment gives it half a megabyte, and every write then flushes a memtable.
            rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot("256mb");
            return rocksDb;
        }
    }

    /** One checkpoint: bytes of keyed state (timers included), keys with state, event-time timers. */
    record Checkpoint(long keyedBytes, long keys, int timers) {}

    private final KeyedBroadcastOperatorTestHarness<String, IN, Directory, ?> harness;
    private final Function<Cdr, IN> input;
    private final String stateName;
    private final List<OutputTag<?>> sideOutputs;
    private long latestStart = Long.MIN_VALUE;
    private long nextWatermark = Long.MIN_VALUE;
    private long checkpoints;

    private <OUT> PerLineState(KeyedBroadcastProcessFunction<String, IN, Directory, OUT> function,
                               KeySelector<IN, String> key, Function<Cdr, IN> input, String stateName,
                               List<OutputTag<?>> sideOutputs, Backend backend, Path checkpointDir) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IN, Directory, OUT> h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, List.of(DirectoryBroadcast.DIRECTORY)),
                key, Types.STRING, 1, 1, 0);
        h.setStateBackend(backend.create());
        h.setCheckpointStorage(new FileSystemCheckpointStorage(checkpointDir.toUri().toString()));
        h.open();
        // The directory input carries no event time: only the CDRs' watermark counts.
        h.processBroadcastWatermark(Long.MAX_VALUE);
        this.harness = h;
        this.input = input;
        this.stateName = stateName;
        this.sideOutputs = sideOutputs;
    }

    /** The operator as the job builds it, with the job's default settings, on {@code backend}. */
    static PerLineState<?> open(Operator operator, Directory directory, Backend backend, Path checkpointDir)
            throws Exception {
        return switch (operator) {
            case LINE_WINDOWS -> new PerLineState<InputRecord>(
                    new LineWindows(directory, METRICS.settings(), METRICS.windowMinutes(),
                            METRICS.allowedLateness(), METRICS.duplicateHorizon()),
                    r -> r.cdr.getLine(), cdr -> InputRecord.parsed("simulated", 0, cdr), "line-ledger",
                    List.of(LineWindows.LATE, LineWindows.DEPARTMENT_DELTAS, LineWindows.FIRST_SEEN),
                    backend, checkpointDir);
            case LINE_HEALTH -> new PerLineState<LineEvent>(
                    new LineHealthDetector(directory, AlertThresholds.defaults(), METRICS.maxOutOfOrderness()),
                    e -> e.line, cdr -> LineEvent.call(cdr.getLine(), Attempt.of(cdr, METRICS.settings().shortAbandonMs())),
                    "line-watch", List.of(), backend, checkpointDir);
        };
    }

    /**
     * Feeds the CDRs of {@code callsPerHour} per line to every line of {@code directory}, calls
     * starting in [from, from + duration), in the order calls end; the watermark follows the
     * latest start_time less max_out_of_orderness, once a simulated minute. The calls of the
     * last ten minutes are still ahead of the watermark at the end.
     */
    void traffic(Directory directory, Instant from, Duration duration, double callsPerHour, long seed)
            throws Exception {
        TrafficSimulator calls = new TrafficSimulator(directory, SimulationSettings.healthy(seed, from, duration, callsPerHour));
        long lag = METRICS.maxOutOfOrderness().toMillis();
        while (calls.hasNext()) {
            Cdr cdr = calls.next();
            // As the readers do: validation derives the outcome the simulated PBX leaves out.
            CdrValidator.validate(cdr);
            long start = cdr.getStartTime().toEpochMilli();
            harness.processElement(input.apply(cdr), start);
            latestStart = Math.max(latestStart, start);
            if (latestStart - lag >= nextWatermark) {
                watermark(latestStart - lag);
                nextWatermark = latestStart - lag + WATERMARK_EVERY_MS;
            }
        }
    }

    /** Moves the watermark to {@code time}; what the operator emits is dropped. */
    void watermark(long time) throws Exception {
        harness.processWatermark(time);
        harness.getOutput().clear();
        for (OutputTag<?> tag : sideOutputs) {
            var queue = harness.getSideOutput(tag);
            if (queue != null) {
                queue.clear();
            }
        }
    }

    Checkpoint checkpoint() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(++checkpoints, checkpoints);
        long bytes = 0;
        for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
            bytes += handle.getStateSize();
        }
        long keys;
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        try (Stream<String> held = backend.getKeys(stateName, VoidNamespace.INSTANCE)) {
            keys = held.count();
        }
        return new Checkpoint(bytes, keys, harness.numEventTimeTimers());
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
