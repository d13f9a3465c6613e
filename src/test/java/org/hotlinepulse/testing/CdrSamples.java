package org.hotlinepulse.testing;

import java.nio.file.Path;

/**
 * Where the conformance tests find real CDR files written by PBX software (Asterisk's testsuite,
 * a FreeSWITCH {@code mod_json_cdr} document from cgrates). Those files are GPL/AGPL and are never
 * copied into this repository; tests that need them skip with a visible reason when they are
 * absent. The folder is the system property {@code hotlinepulse.cdr-samples}, else the environment
 * variable {@code HOTLINE_PULSE_CDR_SAMPLES}, else {@link #DEFAULT}, relative to the working
 * directory (the repository root under Maven). What the files are: docs/pbx-formats.md.
 */
public final class CdrSamples {
    /** The system property naming the samples folder. */
    public static final String PROPERTY = "hotlinepulse.cdr-samples";
    /** The environment variable naming the samples folder, when the property is not set. */
    public static final String ENVIRONMENT = "HOTLINE_PULSE_CDR_SAMPLES";
    /** The folder of the workspace this project is developed in, beside the repository. */
    public static final String DEFAULT = "../shared/cdr-samples";

    private CdrSamples() {}

    /** The samples folder (it may not exist). */
    public static Path root() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment);
        }
        return Path.of(DEFAULT);
    }

    /** A file or folder inside the samples folder, e.g. {@code asterisk-testsuite}. */
    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** How to point the tests at the samples, for skip reasons. */
    public static String howToSet() {
        return "set -D" + PROPERTY + "=DIR or " + ENVIRONMENT + "=DIR (docs/pbx-formats.md)";
    }
}
