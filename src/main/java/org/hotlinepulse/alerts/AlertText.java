package org.hotlinepulse.alerts;

/**
 * The two-language summary of an alert: Chinese and English in one string, {@code "zh | en"},
 * so one Avro field carries both and deliveries that want them apart can split them again.
 */
public final class AlertText {
    /** What separates the Chinese part from the English part. */
    public static final String SEPARATOR = " | ";

    private AlertText() {}

    /** The summary holding both texts: {@code zh + " | " + en}. */
    public static String join(String zh, String en) {
        return zh + SEPARATOR + en;
    }

    /**
     * The Chinese and English parts of a summary, split at the first separator (an English text
     * may itself contain one); without a separator both parts are the whole summary.
     */
    public static String[] split(String summary) {
        int at = summary.indexOf(SEPARATOR);
        if (at < 0) {
            return new String[] {summary, summary};
        }
        return new String[] {summary.substring(0, at), summary.substring(at + SEPARATOR.length())};
    }
}
