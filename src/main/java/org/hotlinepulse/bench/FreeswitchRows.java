package org.hotlinepulse.bench;

import java.time.ZoneId;
import java.util.UUID;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

/**
 * A simulated call as FreeSWITCH writes it: a mod_cdr_csv row of the default template "example", and a
 * mod_json_cdr document on one line (URL-encoded values, a caller profile in {@code callflow}, mod_callcenter's
 * variables for calls that queued).
 */
final class FreeswitchRows {

    private final ZoneId zone;

    FreeswitchRows(ZoneId zone) {
        this.zone = zone;
    }

    /** The mod_cdr_csv row of the call, every field quoted, with its line break. */
    String csv(BenchCall call) {
        String answer = "";
        String bleg = "";
        if (call.answered()) {
            answer = BenchCall.local(call.cdr().getAnswerTime(), zone);
            bleg = uuid(call, 2).toString();
        } else if (call.cdr().getIvr()) {
            answer = BenchCall.local(call.startMs() + 1_000, zone);
        }
        long seconds = (call.endMs() - call.startMs()) / 1000;
        long billsec = call.answered() ? (call.endMs() - call.cdr().getAnswerTime().toEpochMilli()) / 1000 : 0;
        return "\"" + call.callerName() + "\",\"" + call.caller() + "\",\"" + call.cdr().getLine() + "\",\"public\",\""
                + BenchCall.local(call.cdr().getStartTime(), zone) + "\",\"" + answer + "\",\""
                + BenchCall.local(call.cdr().getEndTime(), zone) + "\",\"" + seconds + "\",\"" + billsec + "\",\""
                + cause(call) + "\",\"" + uuid(call, 1) + "\",\"" + bleg + "\",\"\",\"PCMA\",\"PCMA\"\n";
    }

    /** The mod_json_cdr document of the call on one line, with its line break. */
    String json(BenchCall call) {
        String uuid = uuid(call, 1).toString();
        long start = call.startMs() * 1000;
        long end = call.endMs() * 1000;
        long answer = call.answered() ? call.cdr().getAnswerTime().toEpochMilli() * 1000
                : call.cdr().getIvr() || call.queued() ? start + 1_000_000 : 0;
        long bridge = call.answered() ? answer : 0;
        if (call.answered() && (call.cdr().getIvr() || call.queued())) {
            answer = start + 1_000_000;
        }
        StringBuilder b = new StringBuilder(1_400);
        b.append("{\"core-uuid\":\"6b2e2f5a-1c1e-4a51-9f0a-6c0e8d1f2b3c\",\"switchname\":\"fs-hotline-1\",")
                .append("\"channel_data\":{\"state\":\"CS_REPORTING\",\"direction\":\"inbound\",")
                .append("\"state_number\":\"11\",\"flags\":\"0=1;1=1;3=1;38=1;39=1;41=1;54=1;76=1\"},")
                .append("\"variables\":{\"direction\":\"inbound\",\"uuid\":\"").append(uuid)
                .append("\",\"session_id\":\"").append(call.sequence() + 1)
                .append("\",\"sip_from_user\":\"").append(call.caller())
                .append("\",\"sip_from_host\":\"203.0.113.10\",\"sip_req_user\":\"").append(call.cdr().getLine())
                .append("\",\"sip_user_agent\":\"Carrier%20SBC%202.1\",\"sip_call_id\":\"")
                .append(Long.toHexString(call.sequence() * 7919 + 12345)).append("%40203.0.113.10\"")
                .append(",\"read_codec\":\"PCMA\",\"write_codec\":\"PCMA\",\"caller_id_name\":\"")
                .append(call.callerName()).append("\",\"caller_id_number\":\"").append(call.caller())
                .append("\",\"destination_number\":\"").append(call.cdr().getLine())
                .append("\",\"start_stamp\":\"").append(encode(BenchCall.local(call.cdr().getStartTime(), zone)))
                .append("\",\"end_stamp\":\"").append(encode(BenchCall.local(call.cdr().getEndTime(), zone)))
                .append("\",\"start_epoch\":\"").append(call.startMs() / 1000)
                .append("\",\"start_uepoch\":\"").append(start)
                .append("\",\"answer_uepoch\":\"").append(answer)
                .append("\",\"bridge_uepoch\":\"").append(bridge)
                .append("\",\"end_epoch\":\"").append(call.endMs() / 1000)
                .append("\",\"end_uepoch\":\"").append(end)
                .append("\",\"duration\":\"").append((call.endMs() - call.startMs()) / 1000)
                .append("\",\"hangup_cause\":\"").append(cause(call))
                .append("\",\"hangup_cause_q850\":\"").append(q850(call))
                .append("\",\"sip_hangup_disposition\":\"")
                .append(call.cdr().getReleasedBy() == ReleasedBy.HOTLINE ? "send_bye" : "recv_bye").append('"');
        if (call.queued()) {
            b.append(",\"cc_queue\":\"support%40default\",\"cc_queue_joined_epoch\":\"")
                    .append(call.cdr().getQueueTime().toEpochMilli() / 1000).append('"');
            if (call.answered()) {
                b.append(",\"cc_queue_answered_epoch\":\"").append(bridge / 1_000_000)
                        .append("\",\"cc_agent\":\"").append(call.cdr().getAgentId()).append("%40default\"");
            }
        }
        b.append("},\"callflow\":[{\"dialplan\":\"XML\",\"profile_index\":\"1\",\"extension\":{\"name\":\"hotline\",")
                .append("\"number\":\"").append(call.cdr().getLine()).append("\"},\"caller_profile\":{")
                .append("\"username\":\"\",\"dialplan\":\"XML\",\"caller_id_name\":\"").append(call.callerName())
                .append("\",\"caller_id_number\":\"").append(call.caller())
                .append("\",\"network_addr\":\"203.0.113.10\",\"destination_number\":\"")
                .append(call.cdr().getLine()).append("\",\"uuid\":\"").append(uuid)
                .append("\",\"context\":\"public\",\"chan_name\":\"sofia/external/").append(call.caller())
                .append("%40203.0.113.10\"},\"times\":{\"created_time\":\"").append(start)
                .append("\",\"answered_time\":\"").append(answer).append("\",\"hangup_time\":\"").append(end)
                .append("\"}}]}\n");
        return b.toString();
    }

    private static String encode(String stamp) {
        return stamp.replace(" ", "%20").replace(":", "%3A");
    }

    /** The FreeSWITCH cause name that gives the simulated outcome. */
    private static String cause(BenchCall call) {
        if (call.answered() || call.cdr().getIvr()) {
            return "NORMAL_CLEARING";
        }
        Outcome outcome = call.outcome();
        if (outcome == Outcome.BUSY) {
            return "USER_BUSY";
        }
        if (outcome == Outcome.FAILED) {
            return call.sequence() % 2 == 0 ? "NORMAL_TEMPORARY_FAILURE" : "DESTINATION_OUT_OF_ORDER";
        }
        if (outcome == Outcome.ABANDONED) {
            return "ORIGINATOR_CANCEL";
        }
        return "NO_ANSWER";
    }

    private static String q850(BenchCall call) {
        return switch (cause(call)) {
            case "USER_BUSY" -> "17";
            case "NORMAL_TEMPORARY_FAILURE" -> "41";
            case "DESTINATION_OUT_OF_ORDER" -> "27";
            case "ORIGINATOR_CANCEL" -> "487";
            case "NO_ANSWER" -> "19";
            default -> "16";
        };
    }

    /** A uuid drawn from the call's sequence: the A-leg (1) or the B-leg (2). */
    private static UUID uuid(BenchCall call, int leg) {
        long hi = (call.sequence() * 0x9E3779B97F4A7C15L) ^ leg;
        long lo = call.sequence() * 0xC2B2AE3D27D4EB4FL + leg;
        return new UUID((hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }
}
