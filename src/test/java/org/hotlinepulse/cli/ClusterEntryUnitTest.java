package org.hotlinepulse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ClusterEntry} runs inside a Flink cluster's JobManager when submitted over the REST API: a
 * mistake must come back to the caller as an exception with the reason, never end the JVM (a
 * {@code System.exit} here would end this test's JVM and fail the run).
 */
class ClusterEntryUnitTest {

    @Test
    void aMissingConfigurationIsAnExceptionNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> ClusterEntry.main(new String[] {"--config", missing.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aConfigurationWithoutCheckpointDirectoryIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("job.yaml"), "runtime:\n  parallelism: 1\n");

        assertThatThrownBy(() -> ClusterEntry.main(new String[] {"--config", config.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runtime.checkpoint_dir: required");
    }

    @Test
    void anUnknownOptionIsAnException() {
        assertThatThrownBy(() -> ClusterEntry.main(new String[] {"--config", "x.yaml", "--parallelism", "2"}))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--parallelism");
    }
}
