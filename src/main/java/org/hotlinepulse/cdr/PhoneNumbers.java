package org.hotlinepulse.cdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds what may be a phone number in text that is not a canonical field (a rejected record's
 * unknown fields, keys and broken lines; undecodable message bytes) and masks it: a run of 7 or
 * more digits with whatever numbers are written with between them (spaces, {@code ( ) - . _ / , :
 * ;}, their full-width forms) and a {@code +} or {@code (} before it. A scanner, not a regular
 * expression: it runs over untrusted text of any length in one pass.
 */
public final class PhoneNumbers {

    static final String MASK = "***";
    private static final int PHONE_DIGITS = 7;
    private static final int MAX_SEPARATORS = 3;
    private static final String SEPARATORS =
            "()-._/\\,:;~+\u00B7\uFF08\uFF09\uFF0D\uFF0E\uFF0F\uFF0B\u2010\u2011\u2012\u2013\u2014";
    private static final String OPENERS = "+\uFF0B(\uFF08";

    private PhoneNumbers() {}

    /** The text with each phone-number-like run replaced by {@value #MASK}. */
    public static String mask(String text) {
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < text.length()) {
            long run = nextRun(text, i);
            if (run < 0) {
                break;
            }
            int start = (int) (run >>> 32);
            int end = (int) run;
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, Math.max(last, start)).append(MASK);
            last = end;
            i = end;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Overwrites each phone-number-like run of ASCII text inside the bytes with '*', keeping the length. */
    public static byte[] maskAscii(byte[] bytes) {
        byte[] out = bytes.clone();
        CharSequence text = new String(bytes, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < text.length()) {
            long run = nextRun(text, i);
            if (run < 0) {
                break;
            }
            int end = (int) run;
            Arrays.fill(out, (int) (run >>> 32), end, (byte) '*');
            i = end;
        }
        return out;
    }

    /** The next run at or after {@code from} as (start << 32 | end), or -1 when there is none. */
    private static long nextRun(CharSequence text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            if (!Character.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (start > from && OPENERS.indexOf(text.charAt(start - 1)) >= 0) {
                start--;
            }
            int digits = 0;
            int end = i;
            for (int j = i; j < n && j - end <= MAX_SEPARATORS; j++) {
                char c = text.charAt(j);
                if (Character.isDigit(c)) {
                    digits++;
                    end = j + 1;
                } else if (!isSeparator(c)) {
                    break;
                }
            }
            if (digits >= PHONE_DIGITS) {
                return ((long) start << 32) | end;
            }
            i = end;
        }
        return -1;
    }

    private static boolean isSeparator(char c) {
        return Character.isSpaceChar(c) || SEPARATORS.indexOf(c) >= 0;
    }
}
