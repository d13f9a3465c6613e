package org.hotlinepulse.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where the live job reads the line directory from (a YAML file, or the line_directory tables in
 * PostgreSQL) and how often it reads it again.
 */
public record DirectorySourceConfig(Source source, String file, Duration reloadInterval)
        implements Serializable {

    public enum Source { YAML, POSTGRES }

    public static final DirectorySourceConfig DEFAULTS =
            new DirectorySourceConfig(Source.POSTGRES, null, Duration.ofMinutes(1));
}
