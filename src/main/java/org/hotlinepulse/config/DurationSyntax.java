package org.hotlinepulse.config;

import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Durations as the job configuration and the command line write them: Flink's syntax
 * ({@link TimeUtils#parseDuration}), except that a number needs its unit, where Flink would read
 * {@code 10} as 10 milliseconds.
 */
public final class DurationSyntax {
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*\\d+\\s*");
    private static final String EXAMPLES = "(write e.g. 250ms, 30s, 10m, 4h, 1d or PT4H)";

    private DurationSyntax() {}

    /** The duration {@code text} writes, or IllegalArgumentException saying which forms are accepted. */
    public static Duration parse(String text) {
        if (BARE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" has no unit " + EXAMPLES);
        }
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration " + EXAMPLES);
        }
    }
}
