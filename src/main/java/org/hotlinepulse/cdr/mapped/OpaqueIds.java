package org.hotlinepulse.cdr.mapped;

import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * A vendor's call id that looks like it holds a phone number (some exports use the caller's number and a time as
 * the id) is replaced by a keyed hash: distinct ids stay distinct, and no number reaches the call_id.
 */
final class OpaqueIds {

    private OpaqueIds() {}

    /** The id itself when it holds no phone-number-like run of digits, else {@code h} and its keyed hash. */
    static String ifPhoneLike(String id, CallerPseudonymiser pseudonymiser) {
        if (PhoneNumbers.mask(id).equals(id)) {
            return id;
        }
        // The pseudonymiser keeps only digits, so each character goes in as five digits: an injective encoding.
        StringBuilder digits = new StringBuilder(id.length() * 5);
        for (int i = 0; i < id.length(); i++) {
            String code = Integer.toString(id.charAt(i));
            digits.append("00000", code.length(), 5).append(code);
        }
        return "h" + pseudonymiser.pseudonymise(digits.toString()).substring(0, 32);
    }
}
