package org.hotlinepulse.alerts;

/**
 * The one format of an alert's {@code summary}: the Chinese text, a line feed, the English text.
 * Neither part contains a line feed, so {@link #split} recovers both.
 */
public final class AlertText {

    private AlertText() {}

    /** Both languages in one summary string. */
    public static String join(String zh, String en) {
        if (zh.indexOf('\n') >= 0 || en.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a summary part must be one line");
        }
        return zh + "\n" + en;
    }

    /** {zh, en} of a summary written by {@link #join}; a summary without a line feed is taken as both. */
    public static String[] split(String summary) {
        int cut = summary.indexOf('\n');
        return cut < 0 ? new String[] {summary, summary} : new String[] {summary.substring(0, cut), summary.substring(cut + 1)};
    }
}
