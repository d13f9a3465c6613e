package org.hotlinepulse.bench;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.alerts.AlertThresholds;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.MetricsConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.job.LineOperatorHarness;
import org.hotlinepulse.lines.LineWindowsAndHealth;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.TrafficSimulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The job's keyed per-line operator in a test harness on a chosen state backend, fed simulated
 * traffic with the watermark trailing it as the job's does, and one half of its state measured
 * ({@link Operator}: the windows' ledgers or the rules' watches): the bytes of its values as a
 * checkpoint serializes them, the keys holding one, and the timers registered for that half.
 */
final class PerLineState implements AutoCloseable {
    /** The job's defaults: windows of 1, 15 and 60 min, 10 min out of order, 4 h lateness, 24 h horizon. */
    static final MetricsConfig METRICS = MetricsConfig.DEFAULTS;
    private static final long WATERMARK_EVERY_MS = 60_000;

    /** The half of the per-line operator measured, by the keyed value it keeps per line. */
    enum Operator {
        LINE_WINDOWS("line-ledger"), LINE_HEALTH("line-watch");

        final String stateName;

        Operator(String stateName) {
            this.stateName = stateName;
        }
    }

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

    /** One half's state: bytes of its values, keys with a value, event-time timers at its due moments. */
    record Checkpoint(long keyedBytes, long keys, long timers) {}

    private final KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> harness;
    private final Operator operator;
    private long latestStart = Long.MIN_VALUE;
    private long nextWatermark = Long.MIN_VALUE;

    private PerLineState(Operator operator, Directory directory, Backend backend, Path checkpointDir)
            throws Exception {
        LineWindowsAndHealth function = new LineWindowsAndHealth(directory,
                new LineWindows(METRICS.settings(), METRICS.windowMinutes(), METRICS.allowedLateness(),
                        METRICS.duplicateHorizon()),
                new LineHealthDetector(AlertThresholds.defaults(), METRICS.maxOutOfOrderness()));
        harness = LineOperatorHarness.create(function, directory, 1, 0);
        harness.setStateBackend(backend.create());
        harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpointDir.toUri().toString()));
        harness.open();
        this.operator = operator;
    }

    /** The operator as the job builds it, with the job's default settings, on {@code backend}. */
    static PerLineState open(Operator operator, Directory directory, Backend backend, Path checkpointDir)
            throws Exception {
        return new PerLineState(operator, directory, backend, checkpointDir);
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
            harness.processElement(InputRecord.parsed("simulated", 0, cdr), start);
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
        for (OutputTag<?> tag : List.of(LineWindowsAndHealth.LATE, LineWindowsAndHealth.DEPARTMENT_DELTAS,
                LineWindowsAndHealth.CALLS, LineWindowsAndHealth.ALERTS)) {
            var queue = harness.getSideOutput(tag);
            if (queue != null) {
                queue.clear();
            }
        }
    }

    Checkpoint checkpoint() throws Exception {
        long timersOfTheRules = LineOperatorHarness.timersOfTheRules(harness);
        return new Checkpoint(LineOperatorHarness.valueBytes(harness, operator.stateName),
                LineOperatorHarness.keysWith(harness, operator.stateName),
                operator == Operator.LINE_HEALTH ? timersOfTheRules : harness.numEventTimeTimers() - timersOfTheRules);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
