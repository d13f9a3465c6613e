package org.hotlinepulse.cdr.asterisk;

/** Recognises Asterisk channel ids, the only values of id columns that are copied out of a record. */
final class AsteriskIds {

    private static final int MAX_ID_LENGTH = 64;

    private AsteriskIds() {}

    /**
     * True for an Asterisk uniqueid or linkedid: {@code <epoch seconds>.<sequence>}, optionally prefixed by a
     * system name and a dash ({@code pbx1-1231977075.0}). A bare run of digits, such as a phone number put in the
     * wrong column, is not one.
     */
    static boolean isUniqueid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            return false;
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0 || dot == value.length() - 1) {
            return false;
        }
        int dash = value.lastIndexOf('-', dot);
        return allDigits(value, dash + 1, dot) && allDigits(value, dot + 1, value.length())
                && dot - dash - 1 <= 12 && value.length() - dot - 1 <= 9;
    }

    private static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
