package org.hotlinepulse.cdr.freeswitch;

import java.util.Locale;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.PhoneNumbers;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.RedactedRecord;

/**
 * Turns a {@link FreeswitchCall} into a validated canonical CDR (docs/freeswitch.md): the one mapping of release
 * cause, releasing side and outcome that both FreeSWITCH formats share.
 */
final class FreeswitchCdrMapping {

    /** Prefix of every FreeSWITCH call id, so that ids of different PBX kinds never collide. */
    static final String CALL_ID_PREFIX = "fs:";
    private static final int MAX_Q850 = 127;

    private final CdrInputOptions settings;

    FreeswitchCdrMapping(CdrInputOptions settings) {
        this.settings = settings;
    }

    /** The record of this call: a CDR when it passes {@link CdrValidator}, else a rejection with rawRecordJson. */
    InputRecord toRecord(String origin, long position, FreeswitchCall call, String rawRecordJson) {
        String uuid = call.uuid();
        if (!RedactedRecord.isStampOrUuid(uuid) && !PhoneNumbers.mask(uuid).equals(uuid)) {
            // The call id goes to Kafka as it is: an id that may be someone's phone number must not.
            return InputRecord.rejected(origin, position, "field uuid holds what looks like a phone number, not a"
                    + " FreeSWITCH uuid (the value is not shown)", rawRecordJson);
        }
        Cdr cdr = toCdr(call);
        String reason = CdrValidator.validate(cdr);
        return reason == null ? InputRecord.parsed(origin, position, cdr)
                : InputRecord.rejected(origin, position, reason, rawRecordJson);
    }

    Cdr toCdr(FreeswitchCall call) {
        Cdr cdr = new Cdr();
        cdr.setCallId(CALL_ID_PREFIX + call.uuid());
        cdr.setLine(call.destination());
        cdr.setCallerHash(call.callerHash());
        cdr.setStartTime(call.start());
        cdr.setQueueTime(call.queue());
        cdr.setAnswerTime(call.answer());
        cdr.setEndTime(call.end());
        cdr.setReleaseCause(q850(call));
        ReleasedBy releasedBy = releasedBy(call);
        cdr.setReleasedBy(releasedBy);
        cdr.setIvr(call.ivr());
        cdr.setProbe(false);
        cdr.setAgentId(call.agentId());
        cdr.setSource(settings.sourceOr(CdrFormat.FREESWITCH_SOURCE));
        HangupCause cause = call.cause();
        if (call.answer() == null && cause != null && cause.unansweredOutcome() != null) {
            cdr.setOutcome(cause.unansweredOutcome());
        }
        return cdr;
    }

    /** The PBX's own Q.850 value when it is one (1–127), else the value of the cause name, else none. */
    private static Integer q850(FreeswitchCall call) {
        Integer written = call.q850();
        if (written != null && written >= 1 && written <= MAX_Q850) {
            return written;
        }
        if (call.cause() != null) {
            return call.cause().q850();
        }
        if (written != null) {
            HangupCause byCode = HangupCause.byCode(written);
            return byCode == null ? null : byCode.q850();
        }
        return null;
    }

    /**
     * From the caller's leg: the PBX received the BYE or CANCEL (recv_*) → the caller hung up; it sent one (send_*)
     * → the hotline did. Without a disposition, only causes such as ORIGINATOR_CANCEL say who hung up.
     */
    private static ReleasedBy releasedBy(FreeswitchCall call) {
        String disposition = call.hangupDisposition();
        if (disposition != null) {
            String d = disposition.strip().toLowerCase(Locale.ROOT);
            if (d.startsWith("recv_")) {
                return ReleasedBy.CALLER;
            }
            if (d.startsWith("send_")) {
                return ReleasedBy.HOTLINE;
            }
        }
        return call.cause() == null ? null : call.cause().releasedBy();
    }
}
