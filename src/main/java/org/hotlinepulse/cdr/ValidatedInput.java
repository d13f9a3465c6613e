package org.hotlinepulse.cdr;

/**
 * Validation at the point of reading, before a record gets an event time: an invalid CDR must
 * not move the watermark. Every source applies it to what its reader or deserializer parsed.
 */
public final class ValidatedInput {
    private ValidatedInput() {}

    /** The record itself when it is a valid CDR (its outcome then set), else its rejection. */
    public static InputRecord of(InputRecord record) {
        if (record.isRejected()) {
            return record;
        }
        String reason = CdrValidator.validate(record.cdr);
        return reason == null ? record
                : InputRecord.rejected(record.origin, record.position, reason,
                        CdrJson.toJson(record.cdr));
    }
}
