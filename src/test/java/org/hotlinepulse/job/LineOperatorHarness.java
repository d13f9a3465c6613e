package org.hotlinepulse.job;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hotlinepulse.alerts.LineWatch;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.lines.LineWindowsAndHealth;
import org.hotlinepulse.metrics.LineLedger;
import org.hotlinepulse.metrics.WindowMetrics;

import java.util.stream.Stream;

/**
 * The job's per-line operator ({@link ListedLinesSideInput} over {@link LineWindowsAndHealth}) in a
 * test harness, and what its keyed state holds: each half's values apart from the other's.
 */
public final class LineOperatorHarness {
    static final int MAX_PARALLELISM = 128;

    private static final String LEDGER = "line-ledger";
    private static final String WATCH = "line-watch";

    private LineOperatorHarness() {}

    /**
     * Subtask {@code subtask} of {@code parallelism}, listing the lines of {@code listedAtStart} when
     * it opens, restored from {@code checkpoint} unless it is null.
     */
    static KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> open(
            LineWindowsAndHealth function, Directory listedAtStart, int parallelism, int subtask,
            OperatorSubtaskState checkpoint) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> harness =
                create(function, listedAtStart, parallelism, subtask);
        if (checkpoint != null) {
            harness.initializeState(checkpoint);
        }
        harness.open();
        return harness;
    }

    /** As {@link #open}, not yet opened: to set a state backend first. */
    public static KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> create(
            LineWindowsAndHealth function, Directory listedAtStart, int parallelism, int subtask) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(ListedLinesSideInput.of(function, listedAtStart),
                r -> r.cdr.getLine(), Types.STRING, MAX_PARALLELISM, parallelism, subtask);
    }

    /** The only subtask, with the lines of {@code listedAtStart} listed when it opens. */
    static KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics> open(
            LineWindowsAndHealth function, Directory listedAtStart) throws Exception {
        return open(function, listedAtStart, 1, 0, null);
    }

    /** The lines with a ledger (the windows' state). */
    static long ledgers(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness) {
        return keysWith(harness, LEDGER);
    }

    /** The numbers with a watch (the rules' state). */
    static long watches(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness) {
        return keysWith(harness, WATCH);
    }

    /** The keys with a value of the state {@code name} ("line-ledger" or "line-watch"). */
    public static long keysWith(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness, String name) {
        try (Stream<String> keys = backend(harness).getKeys(name, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** The bytes of every value of the state {@code name}, as a checkpoint serializes them. */
    public static long valueBytes(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness, String name)
            throws Exception {
        return name.equals(LEDGER) ? valueBytes(backend(harness), LEDGER, LineLedger.class)
                : valueBytes(backend(harness), WATCH, LineWatch.class);
    }

    private static <T> long valueBytes(KeyedStateBackend<String> backend, String name, Class<T> type) throws Exception {
        long bytes = 0;
        for (String key : backend.getKeys(name, VoidNamespace.INSTANCE).toList()) {
            bytes += bytesOf(value(backend, key, name, type), type);
        }
        return bytes;
    }

    /** The event-time timers registered for the rules: each line has one, which is its ledger's unless the watch's is earlier. */
    public static long timersOfTheRules(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness) {
        KeyedStateBackend<String> backend = backend(harness);
        long ofTheWindows = backend.getKeys(LEDGER, VoidNamespace.INSTANCE).toList().stream()
                .filter(line -> {
                    LineLedger ledger = value(backend, line, LEDGER, LineLedger.class);
                    LineWatch watch = value(backend, line, WATCH, LineWatch.class);
                    return ledger.timer != LineWatch.NONE && (watch == null || ledger.timer <= watch.timer);
                }).count();
        return harness.numEventTimeTimers() - ofTheWindows;
    }

    /** The bytes of the watch of {@code number}, as a checkpoint holds it. */
    static long watchBytes(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness, String number) throws Exception {
        return bytesOf(value(backend(harness), number, WATCH, LineWatch.class), LineWatch.class);
    }

    private static <T> long bytesOf(T value, Class<T> type) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        Types.POJO(type).createSerializer(new SerializerConfigImpl()).serialize(value, out);
        return out.length();
    }

    private static <T> T value(KeyedStateBackend<String> backend, String key, String name, Class<T> type) {
        try {
            backend.setCurrentKey(key);
            ValueState<T> state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    new ValueStateDescriptor<>(name, Types.POJO(type)));
            return state.value();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyedStateBackend<String> backend(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness) {
        return harness.getOperator().getKeyedStateBackend();
    }
}
