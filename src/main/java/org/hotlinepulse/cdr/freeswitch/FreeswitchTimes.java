package org.hotlinepulse.cdr.freeswitch;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * FreeSWITCH's three ways of writing a time: {@code *_stamp} local time {@code 2026-10-12 09:03:11} in the PBX's
 * zone, {@code *_epoch} seconds and {@code *_uepoch} microseconds since 1970; 0 or empty means "never happened".
 */
final class FreeswitchTimes {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    /** Longest text a time field may hold; longer text is not a time and is quoted cut. */
    private static final int MAX_TIME_TEXT = 40;

    private static final Pattern STAMP_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

    private final ZoneId zone;

    FreeswitchTimes(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * A local stamp, null when empty. A stamp in a daylight-saving gap is moved forward by the gap, one in an
     * overlap takes the earlier offset (java.time's rules); FreeSWITCH writes stamps without an offset.
     */
    Instant stamp(String field, String text) throws FieldProblem {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), STAMP).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new FieldProblem(field, "field " + field + " " + quoted(text)
                    + " is not a time (yyyy-MM-dd HH:mm:ss, local time of the PBX)");
        }
    }

    /** Epoch seconds ({@code *_epoch}), null when empty or 0. */
    static Instant epochSeconds(String field, String text) throws FieldProblem {
        Long value = number(field, text);
        return value == null ? null : Instant.ofEpochSecond(value);
    }

    /** Epoch microseconds ({@code *_uepoch}), truncated to milliseconds; null when empty or 0. */
    static Instant epochMicros(String field, String text) throws FieldProblem {
        Long value = number(field, text);
        return value == null ? null : Instant.ofEpochMilli(value / 1000);
    }

    private static Long number(String field, String text) throws FieldProblem {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.strip();
        boolean ok = !digits.isEmpty() && digits.length() <= 16;
        for (int i = 0; ok && i < digits.length(); i++) {
            ok = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!ok) {
            throw new FieldProblem(field, "field " + field + " " + quoted(text) + " is not a number of "
                    + (field.endsWith("_uepoch") ? "microseconds" : "seconds") + " since 1970");
        }
        long value = Long.parseLong(digits);
        return value == 0 ? null : value;
    }

    /**
     * The value in quotes for a reason, cut when long. Phone-number-like digit runs are masked, since a shifted
     * column may put a caller number here, unless the value has the shape of a stamp.
     */
    static String quoted(String text) {
        String cut = text.length() <= MAX_TIME_TEXT ? text : text.substring(0, MAX_TIME_TEXT);
        String shown = STAMP_SHAPE.matcher(cut).matches() ? cut : PhoneNumbers.mask(cut);
        return text.length() <= MAX_TIME_TEXT ? "\"" + shown + "\""
                : "\"" + shown + "…\" (" + text.length() + " characters)";
    }
}
