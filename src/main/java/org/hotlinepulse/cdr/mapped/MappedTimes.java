package org.hotlinepulse.cdr.mapped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads the times of a mapped CSV: {@code iso} (ISO-8601 with an offset, or without one in the mapping's zone),
 * {@code epoch_seconds}, {@code epoch_millis}, or a java.time pattern (with an offset if the pattern has one, else
 * in the zone).
 */
final class MappedTimes {

    private final String format;
    private final DateTimeFormatter pattern;
    private final ZoneId zone;

    private MappedTimes(String format, DateTimeFormatter pattern, ZoneId zone) {
        this.format = format;
        this.pattern = pattern;
        this.zone = zone;
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
                    TemporalAccessor iso = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                            LocalDateTime::from);
                    return toInstant(iso);
                default:
                    return toInstant(pattern.parseBest(text, ZonedDateTime::from, LocalDateTime::from));
            }
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private Instant toInstant(TemporalAccessor t) {
        if (t instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (t instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        return ((LocalDateTime) t).atZone(zone).toInstant();
    }
}
