package org.hotlinepulse.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the live job runs: checkpoints (Kafka offsets and all state live in them), the restart
 * strategy, parallelism, and when a quiet Kafka partition lets event time follow the wall clock.
 */
public record RuntimeConfig(Duration checkpointInterval, String checkpointDir, int restartAttempts,
                            Duration restartDelay, Duration quietPartitionAfter, int parallelism)
        implements Serializable {

    public static final RuntimeConfig DEFAULTS = new RuntimeConfig(Duration.ofSeconds(30),
            null, 10, Duration.ofSeconds(10), Duration.ofMinutes(1), 0);
}
