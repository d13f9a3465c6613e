package org.hotlinepulse.cdr;

/**
 * The one rule for {@code caller_hash} (contract §3): a value is a pseudonym when it is exactly 64
 * lowercase hexadecimal characters, the form {@link CallerPseudonymiser} writes. Anything else in
 * that field is taken for a raw caller number, whatever it looks like ({@code tel:138...},
 * {@code +86 138 0000 1234 (mobile)}, upper-case hex): a reader holding the key hashes it, and
 * nothing copies it anywhere.
 */
public final class CallerHashes {

    static final int PSEUDONYM_LENGTH = 64;

    private CallerHashes() {}

    /** True for exactly 64 characters of {@code 0-9a-f}. */
    public static boolean isPseudonym(String value) {
        if (value == null || value.length() != PSEUDONYM_LENGTH) {
            return false;
        }
        for (int i = 0; i < PSEUDONYM_LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a reader holding the key keeps of a caller_hash value: a pseudonym as it is, anything
     * else hashed as a raw number (null when it holds no digit: a withheld caller).
     */
    static String fromReader(String value, CallerPseudonymiser pseudonymiser) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return isPseudonym(value) ? value : pseudonymiser.pseudonymise(value);
    }

    /** The value itself when it is a pseudonym, else null: what may be written out of a record. */
    static String publishable(String value) {
        return isPseudonym(value) ? value : null;
    }
}
