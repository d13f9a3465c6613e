package org.hotlinepulse.cdr.asterisk;

/**
 * The number part of an Asterisk caller id as cdr_csv writes it in {@code clid}: {@code "Name" <number>},
 * {@code Name <number>}, {@code <number>} or a bare number. The name is never returned.
 */
final class CallerIdNumber {

    private CallerIdNumber() {}

    /** The text between the last {@code <} and the following {@code >}; without brackets the whole value. */
    static String of(String clid) {
        if (clid == null || clid.isEmpty()) {
            return null;
        }
        int open = clid.lastIndexOf('<');
        if (open >= 0) {
            int close = clid.indexOf('>', open);
            return clid.substring(open + 1, close < 0 ? clid.length() : close);
        }
        // No brackets: either a bare number or a name alone; a name without digits hashes to nothing.
        return clid.startsWith("\"") ? null : clid;
    }
}
