package org.hotlinepulse.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the live job runs: checkpoints and savepoints (Kafka offsets and all state live in them),
 * the restart strategy, parallelism, and when a quiet Kafka partition lets event time follow the
 * wall clock.
 *
 * <p>Restarts back off exponentially from {@code restartBackoffInitial} to
 * {@code restartBackoffMax} and never give up, so an outage of any length is ridden out; after
 * {@code restartBackoffResetAfter} without a failure the back-off starts from the beginning again.
 * {@code checkpointDir} and {@code savepointDir} are Flink file system URIs; {@code savepointDir}
 * null means {@link #savepoints()}'s default under the checkpoint directory. {@code stateBackend} is where keyed
 * state lives between checkpoints: on the heap (fast, bounded by memory) or in RocksDB on local disk (for state
 * beyond memory: many lines, long lateness).
 */
public record RuntimeConfig(Duration checkpointInterval, String checkpointDir, String savepointDir,
                            Duration restartBackoffInitial, Duration restartBackoffMax,
                            Duration restartBackoffResetAfter, Duration quietPartitionAfter,
                            int parallelism, StateBackend stateBackend)
        implements Serializable {

    /** Flink's state backends, by the name {@code state.backend.type} gives them. */
    public enum StateBackend {
        HASHMAP("hashmap"), ROCKSDB("rocksdb");

        private final String flinkName;

        StateBackend(String flinkName) {
            this.flinkName = flinkName;
        }

        /** The value of Flink's {@code state.backend.type}. */
        public String flinkName() {
            return flinkName;
        }
    }

    public static final RuntimeConfig DEFAULTS = new RuntimeConfig(Duration.ofSeconds(30),
            null, null, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofMinutes(1), 0);

    /** A configuration with state on the heap. */
    public RuntimeConfig(Duration checkpointInterval, String checkpointDir, String savepointDir,
                         Duration restartBackoffInitial, Duration restartBackoffMax,
                         Duration restartBackoffResetAfter, Duration quietPartitionAfter, int parallelism) {
        this(checkpointInterval, checkpointDir, savepointDir, restartBackoffInitial, restartBackoffMax,
                restartBackoffResetAfter, quietPartitionAfter, parallelism, StateBackend.HASHMAP);
    }

    /** Where savepoints go: {@code savepointDir}, else {@code savepoints} under the checkpoint directory. */
    public String savepoints() {
        if (savepointDir != null || checkpointDir == null) {
            return savepointDir;
        }
        return checkpointDir.replaceAll("/+$", "") + "/savepoints";
    }
}
