package org.hotlinepulse.cdr;

import java.util.Base64;
import java.util.Objects;
import org.hotlinepulse.avro.Cdr;

/**
 * One message of the CDR wire format ({@link CdrWireFormat}: what a {@code hotline.cdr} message value holds) made
 * into an {@link InputRecord}: a valid CDR, or a rejection with its reason and its bytes, as they arrived or without
 * what may be a raw caller number. The Kafka deserializer and the wire file reader both read through it, so both
 * apply the same size limit, bounded decoding and validation. Never throws on input.
 */
public final class WireInput {
    /** Null when raw callers are rejected: a reader without the run's key. */
    private final CallerPseudonymiser pseudonymiser;

    private WireInput(CallerPseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** For the live topic: a caller_hash that is not a pseudonym rejects the record, and is dropped from it. */
    public static WireInput rejectingRawCallers() {
        return new WireInput(null);
    }

    /** For files read with the run's key: a caller_hash that is not a pseudonym is hashed, as the Avro reader does. */
    public static WireInput hashingRawCallers(CallerPseudonymiser pseudonymiser) {
        return new WireInput(Objects.requireNonNull(pseudonymiser, "pseudonymiser"));
    }

    /** The record of one message; position is its offset or record number, origin where it came from. */
    public InputRecord read(String origin, long position, byte[] message) {
        Cdr cdr;
        try {
            cdr = CdrWireFormat.decode(message);
        } catch (CdrWireFormat.InvalidMessageException e) {
            // Bytes that are not a CDR may still hold a caller number: it must not reach the dead letter.
            byte[] masked = message == null ? null : PhoneNumbers.maskAscii(message);
            InputRecord record = InputRecord.rejected(origin, position, e.getMessage(), undecodable(masked));
            record.payload = masked;
            return record;
        }
        boolean rawCaller = cdr.getCallerHash() != null && !CallerHashes.isPseudonym(cdr.getCallerHash());
        if (rawCaller && pseudonymiser != null) {
            cdr.setCallerHash(CallerHashes.fromReader(cdr.getCallerHash(), pseudonymiser));
        }
        InputRecord record = ValidatedInput.of(InputRecord.parsed(origin, position, cdr));
        if (record.isRejected()) {
            if (rawCaller && pseudonymiser == null) {
                cdr.setCallerHash(null);
            }
            record.payload = rawCaller ? CdrWireFormat.encode(cdr) : message;
        }
        return record;
    }

    /**
     * Bytes that could not be decoded travel as base64 in the JSON form of the dead letter; an
     * oversized message only as its original bytes (the payload), not copied once more.
     */
    private static String undecodable(byte[] value) {
        return value == null || value.length > CdrWireFormat.MAX_MESSAGE_BYTES ? "null"
                : "\"base64:" + Base64.getEncoder().encodeToString(value) + "\"";
    }
}
