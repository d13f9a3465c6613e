package org.hotlinepulse.cdr.freeswitch;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

/**
 * FreeSWITCH's hangup cause names (its documented Hangup Cause Code Table, {@code switch_call_cause_t}) with the
 * ITU-T Q.850 value each stands for. Causes of FreeSWITCH's own (numbers above 127, such as ORIGINATOR_CANCEL 487)
 * have no Q.850 value; for them the table says what the call's outcome or releasing side is, when it says anything.
 *
 * @param name             the cause name as FreeSWITCH writes it
 * @param code             FreeSWITCH's number for it (the Q.850 value for causes up to 127)
 * @param q850             the Q.850 value, or null for FreeSWITCH's own causes and UNSPECIFIED
 * @param unansweredOutcome for FreeSWITCH's own causes: the outcome of a call nobody answered, or null to derive it
 * @param releasedBy       the side this cause says hung up, or null
 */
public record HangupCause(String name, int code, Integer q850, Outcome unansweredOutcome, ReleasedBy releasedBy) {

    private static final Map<String, HangupCause> BY_NAME = new HashMap<>();
    private static final Map<Integer, HangupCause> BY_CODE = new HashMap<>();

    static {
        // 0 is "unknown" on FreeSWITCH: an absent cause, not the FAILED that a cause 0 would derive.
        own("UNSPECIFIED", 0, null, null);
        String[] q850 = {
            "UNALLOCATED_NUMBER:1", "NO_ROUTE_TRANSIT_NET:2", "NO_ROUTE_DESTINATION:3", "CHANNEL_UNACCEPTABLE:6",
            "CALL_AWARDED_DELIVERED:7", "NORMAL_CLEARING:16", "USER_BUSY:17", "NO_USER_RESPONSE:18", "NO_ANSWER:19",
            "SUBSCRIBER_ABSENT:20", "CALL_REJECTED:21", "NUMBER_CHANGED:22", "REDIRECTION_TO_NEW_DESTINATION:23",
            "EXCHANGE_ROUTING_ERROR:25", "DESTINATION_OUT_OF_ORDER:27", "INVALID_NUMBER_FORMAT:28",
            "FACILITY_REJECTED:29", "RESPONSE_TO_STATUS_ENQUIRY:30", "NORMAL_UNSPECIFIED:31",
            "NORMAL_CIRCUIT_CONGESTION:34", "NETWORK_OUT_OF_ORDER:38", "NORMAL_TEMPORARY_FAILURE:41",
            "SWITCH_CONGESTION:42", "ACCESS_INFO_DISCARDED:43", "REQUESTED_CHAN_UNAVAIL:44", "PRE_EMPTED:45",
            "FACILITY_NOT_SUBSCRIBED:50", "OUTGOING_CALL_BARRED:52", "INCOMING_CALL_BARRED:54",
            "BEARERCAPABILITY_NOTAUTH:57", "BEARERCAPABILITY_NOTAVAIL:58", "SERVICE_UNAVAILABLE:63",
            "BEARERCAPABILITY_NOTIMPL:65", "CHAN_NOT_IMPLEMENTED:66", "FACILITY_NOT_IMPLEMENTED:69",
            "SERVICE_NOT_IMPLEMENTED:79", "INVALID_CALL_REFERENCE:81", "INCOMPATIBLE_DESTINATION:88",
            "INVALID_MSG_UNSPECIFIED:95", "MANDATORY_IE_MISSING:96", "MESSAGE_TYPE_NONEXIST:97", "WRONG_MESSAGE:98",
            "IE_NONEXIST:99", "INVALID_IE_CONTENTS:100", "WRONG_CALL_STATE:101", "RECOVERY_ON_TIMER_EXPIRE:102",
            "MANDATORY_IE_LENGTH_ERROR:103", "PROTOCOL_ERROR:111", "INTERWORKING:127"};
        for (String entry : q850) {
            int colon = entry.indexOf(':');
            int value = Integer.parseInt(entry.substring(colon + 1));
            add(new HangupCause(entry.substring(0, colon), value, value, null, null));
        }
        own("SUCCESS", 142, null, null);
        // The caller hung up before anyone answered (SIP CANCEL from the caller's side).
        own("ORIGINATOR_CANCEL", 487, null, ReleasedBy.CALLER);
        own("LOSE_RACE", 502, null, null);
        own("MANAGER_REQUEST", 503, null, null);
        own("BLIND_TRANSFER", 600, null, null);
        own("ATTENDED_TRANSFER", 601, null, null);
        own("ALLOTTED_TIMEOUT", 602, Outcome.NO_ANSWER, ReleasedBy.HOTLINE);
        own("USER_CHALLENGE", 603, Outcome.FAILED, null);
        own("MEDIA_TIMEOUT", 604, Outcome.FAILED, null);
        own("PICKED_OFF", 605, null, null);
        own("USER_NOT_REGISTERED", 606, Outcome.FAILED, null);
        own("PROGRESS_TIMEOUT", 607, Outcome.NO_ANSWER, ReleasedBy.HOTLINE);
        own("INVALID_GATEWAY", 608, Outcome.FAILED, null);
        own("GATEWAY_DOWN", 609, Outcome.FAILED, null);
        own("INVALID_URL", 610, Outcome.FAILED, null);
        own("INVALID_PROFILE", 611, Outcome.FAILED, null);
        own("NO_PICKUP", 612, Outcome.NO_ANSWER, ReleasedBy.HOTLINE);
        own("SRTP_READ_ERROR", 613, Outcome.FAILED, null);
        own("BOWOUT", 614, null, null);
        own("BUSY_EVERYWHERE", 615, Outcome.BUSY, null);
        own("DECLINE", 616, Outcome.FAILED, null);
        own("DOES_NOT_EXIST_ANYWHERE", 617, Outcome.FAILED, null);
        own("NOT_ACCEPTABLE", 618, Outcome.FAILED, null);
        own("UNWANTED", 619, Outcome.FAILED, null);
        own("NO_IDENTITY", 620, Outcome.FAILED, null);
        own("BAD_IDENTITY_INFO", 621, Outcome.FAILED, null);
        own("UNSUPPORTED_CERTIFICATE", 622, Outcome.FAILED, null);
        own("INVALID_IDENTITY", 623, Outcome.FAILED, null);
        own("STALE_DATE", 624, Outcome.FAILED, null);
        own("REJECT_ALL", 625, Outcome.FAILED, null);
        own("CRASH", 700, Outcome.FAILED, null);
        own("SYSTEM_SHUTDOWN", 701, Outcome.FAILED, null);
    }

    private static void own(String name, int code, Outcome outcome, ReleasedBy releasedBy) {
        add(new HangupCause(name, code, null, outcome, releasedBy));
    }

    private static void add(HangupCause cause) {
        BY_NAME.put(cause.name, cause);
        BY_CODE.put(cause.code, cause);
    }

    /** The cause with this name (case ignored), or null when FreeSWITCH has no such cause. */
    public static HangupCause byName(String name) {
        return name == null ? null : BY_NAME.get(name.strip().toUpperCase(Locale.ROOT));
    }

    /** The cause a hangup_cause field names, null when empty; a name FreeSWITCH does not have is a problem. */
    static HangupCause parse(String name) throws FieldProblem {
        if (name == null || name.isBlank()) {
            return null;
        }
        HangupCause cause = byName(name);
        if (cause == null) {
            throw new FieldProblem("hangup_cause", "field hangup_cause " + FreeswitchTimes.quoted(name)
                    + " is not a FreeSWITCH hangup cause name (e.g. NORMAL_CLEARING, USER_BUSY)");
        }
        return cause;
    }

    /** The cause with this FreeSWITCH number (as in {@code hangup_cause_q850}), or null. */
    public static HangupCause byCode(int code) {
        return BY_CODE.get(code);
    }

    /** Every known cause, for documentation and tests. */
    public static Map<String, HangupCause> all() {
        return Map.copyOf(BY_NAME);
    }
}
