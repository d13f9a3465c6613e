package org.hotlinepulse.cli;

import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** The {@code --config} option of the commands that can do without a job configuration. */
final class JobConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Job configuration (YAML, e.g. jobs/hotline-metrics.yaml), for the sections named above "
                    + "(default: the values that file lists).")
    Path file;

    /** The job configuration, or the defaults without {@code --config}. */
    JobConfig load() throws UsageError {
        return CommandInputs.config(file);
    }

    /** The job configuration with the environment's overrides, or the defaults without {@code --config}. */
    JobConfig load(Map<String, String> env) throws UsageError {
        return file == null ? JobConfig.DEFAULTS : RunCommand.load(file, env);
    }

    /** The kafka section, or the defaults; brokers from the environment either way when set there. */
    KafkaConfig kafka(Map<String, String> env) throws UsageError {
        return CommandInputs.kafka(file, env);
    }

    boolean given() {
        return file != null;
    }
}
