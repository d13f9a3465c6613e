package org.hotlinepulse.cdr.asterisk;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code disposition} values Asterisk's CDR engine writes (CANCEL only in newer versions). */
enum Disposition {
    ANSWERED("ANSWERED"),
    NO_ANSWER("NO ANSWER"),
    BUSY("BUSY"),
    FAILED("FAILED"),
    CONGESTION("CONGESTION"),
    CANCEL("CANCEL");

    private final String text;

    Disposition(String text) {
        this.text = text;
    }

    /** The disposition written as text, or null when Asterisk writes no such value. */
    static Disposition of(String text) {
        for (Disposition d : values()) {
            if (d.text.equals(text)) {
                return d;
            }
        }
        return null;
    }

    static String validTexts() {
        return Arrays.stream(values()).map(d -> d.text).collect(Collectors.joining(", "));
    }
}
