package org.hotlinepulse.cdr.mapped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Reads the times of a mapped CSV: {@code iso} (ISO-8601 with an offset, or without one in the mapping's zone),
 * {@code epoch_seconds}, {@code epoch_millis}, or a java.time pattern (with an offset if the pattern has one, else
 * in the zone).
 */
final class MappedTimes {

    private final String format;
    private final DateTimeFormatter pattern;
    private final boolean zoned;
    private final ZoneId zone;

    private MappedTimes(String format, DateTimeFormatter pattern, ZoneId zone) {
        this.format = format;
        this.pattern = pattern;
        this.zoned = pattern != null && hasZoneLetter(format);
        this.zone = zone;
    }

    /** Whether a pattern has an offset or zone field (V z O X x Z) outside quoted text. */
    private static boolean hasZoneLetter(String pattern) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && "VzOXxZ".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException when the format is no known name and no valid pattern */
    static MappedTimes of(String format, ZoneId zone) {
        String f = format == null ? "iso" : format;
        return switch (f.toLowerCase(Locale.ROOT)) {
            case "iso", "epoch_seconds", "epoch_millis" -> new MappedTimes(f.toLowerCase(Locale.ROOT), null, zone);
            default -> new MappedTimes(f, DateTimeFormatter.ofPattern(f, Locale.ROOT), zone);
        };
    }

    /** What the times look like, for a reason. */
    String describe() {
        return format;
    }

    /** The instant, or null when the text is not a time of this format. */
    Instant parse(String text) {
        try {
            switch (format) {
                case "epoch_seconds":
                    return Instant.ofEpochSecond(Long.parseLong(text));
                case "epoch_millis":
                    return Instant.ofEpochMilli(Long.parseLong(text));
                case "iso":
                    // An offset follows the time of day: a 'Z', or a sign after the 'T'.
                    int t = text.indexOf('T');
                    boolean offset = text.endsWith("Z") || (t > 0 && (text.indexOf('+', t) > 0
                            || text.indexOf('-', t) > 0));
                    return offset ? OffsetDateTime.parse(text).toInstant()
                            : LocalDateTime.parse(text).atZone(zone).toInstant();
                default:
                    return zoned ? ZonedDateTime.parse(text, pattern).toInstant()
                            : LocalDateTime.parse(text, pattern).atZone(zone).toInstant();
            }
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
