package org.hotlinepulse.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryLoader;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A source that reads the line directory again every interval and emits it, so that a new
 * number, a merged department or new hours take effect in the running job. A directory that
 * fails to load is logged and the last good one stays in force: an operator's typo must not
 * stop the metrics.
 */
public final class DirectoryUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryUpdates.class);

    private DirectoryUpdates() {}

    /**
     * Reads the directory from where {@code source} says. The environment (the database password)
     * is read at each load, where the loader runs, so no secret travels in a job graph.
     */
    public static DirectoryLoader loaderFor(DirectorySourceConfig source, JdbcConfig jdbc) {
        if (source.source() == DirectorySourceConfig.Source.YAML) {
            String file = source.file();
            return () -> Directory.load(Path.of(file));
        }
        return () -> PostgresDirectoryLoader.load(jdbc, System.getenv());
    }

    public static Source<Directory, ?, ?> every(Duration interval, DirectoryLoader loader, Directory initial) {
        return new DataGeneratorSource<>(new Reload(loader, initial), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1000.0 / Math.max(1, interval.toMillis())),
                TypeInformation.of(Directory.class));
    }

    private static final class Reload implements GeneratorFunction<Long, Directory> {
        private final DirectoryLoader loader;
        private Directory lastGood;

        Reload(DirectoryLoader loader, Directory initial) {
            this.loader = loader;
            this.lastGood = initial;
        }

        @Override
        public Directory map(Long tick) {
            try {
                lastGood = loader.load();
            } catch (Exception e) {
                LOG.warn("line directory not reloaded, the previous one stays in force: {}",
                        e.getMessage());
            }
            return lastGood;
        }
    }
}
