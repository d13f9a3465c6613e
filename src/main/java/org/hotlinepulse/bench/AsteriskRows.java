package org.hotlinepulse.bench;

import java.time.ZoneId;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

/**
 * A simulated call as Asterisk writes it: one Master.csv record (cdr_csv with all 21 columns) and, for calls that
 * went through a queue, its queue_log events (ENTERQUEUE, then CONNECT and COMPLETECALLER/COMPLETEAGENT, ABANDON or
 * EXITWITHTIMEOUT). Calls without a queue are dialled straight to an agent's phone, or end in a voice menu.
 */
final class AsteriskRows {

    private final ZoneId zone;

    AsteriskRows(ZoneId zone) {
        this.zone = zone;
    }

    String uniqueId(BenchCall call) {
        return call.startMs() / 1000 + "." + call.sequence();
    }

    /** The Master.csv line of the call, with its line break. */
    String masterCsv(BenchCall call) {
        String app;
        String data;
        String dstChannel = "";
        String disposition;
        Long answerMs = null;
        Outcome outcome = call.outcome();
        if (call.queued()) {
            app = "Queue";
            data = "support,t,,,300";
            answerMs = call.cdr().getQueueTime().toEpochMilli();
            disposition = "ANSWERED";
            if (call.answered()) {
                dstChannel = agentChannel(call);
            }
        } else if (call.answered()) {
            app = "Dial";
            data = agentChannel(call).replaceFirst("-.*", "") + ",30,tT";
            dstChannel = agentChannel(call);
            answerMs = call.cdr().getAnswerTime().toEpochMilli();
            disposition = "ANSWERED";
        } else if (call.cdr().getIvr()) {
            app = "BackGround";
            data = "custom/hotline-menu";
            answerMs = call.startMs() + 1_000;
            disposition = "ANSWERED";
        } else {
            app = "Dial";
            data = "SIP/1001&SIP/1002,30";
            disposition = outcome == Outcome.BUSY ? (call.sequence() % 5 == 0 ? "CONGESTION" : "BUSY")
                    : outcome == Outcome.FAILED ? "FAILED"
                    : outcome == Outcome.ABANDONED ? "CANCEL" : "NO ANSWER";
        }
        long start = call.startMs() / 1000;
        long end = call.endMs() / 1000;
        long answer = answerMs == null ? 0 : Math.min(Math.max(answerMs / 1000, start), end);
        String id = uniqueId(call);
        StringBuilder b = new StringBuilder(320);
        b.append("\"\",\"").append(call.caller()).append("\",\"").append(call.cdr().getLine())
                .append("\",\"from-pstn\",\"\"\"").append(call.callerName()).append("\"\" <").append(call.caller())
                .append(">\",\"SIP/trunk-").append(String.format("%08x", call.sequence())).append("\",\"")
                .append(dstChannel).append("\",\"").append(app).append("\",\"").append(data).append("\",\"")
                .append(BenchCall.local(call.startMs(), zone)).append("\",\"")
                .append(answerMs == null ? "" : BenchCall.local(answer * 1000, zone)).append("\",\"")
                .append(BenchCall.local(call.endMs(), zone)).append("\",").append(end - start).append(',')
                .append(answerMs == null ? 0 : end - answer).append(",\"").append(disposition)
                .append("\",\"DOCUMENTATION\",\"").append(id).append("\",\"\",\"\",\"").append(id).append("\",")
                .append(call.sequence()).append('\n');
        return b.toString();
    }

    /** The queue_log lines of the call, with their line breaks; empty for a call that did not queue. */
    String queueLog(BenchCall call) {
        if (!call.queued()) {
            return "";
        }
        String id = uniqueId(call);
        long entered = call.cdr().getQueueTime().toEpochMilli() / 1000;
        long end = call.endMs() / 1000;
        StringBuilder b = new StringBuilder(200);
        b.append(entered).append('|').append(id).append("|support|NONE|ENTERQUEUE||").append(call.caller())
                .append("|1\n");
        if (call.answered()) {
            long connected = Math.max(call.cdr().getAnswerTime().toEpochMilli() / 1000, entered);
            String agent = agentChannel(call).replaceFirst("-.*", "");
            b.append(connected).append('|').append(id).append("|support|").append(agent).append("|CONNECT|")
                    .append(connected - entered).append('|').append(id).append("|3\n");
            b.append(end).append('|').append(id).append("|support|").append(agent)
                    .append(call.cdr().getReleasedBy() == ReleasedBy.HOTLINE ? "|COMPLETEAGENT|" : "|COMPLETECALLER|")
                    .append(connected - entered).append('|').append(end - connected).append("|1\n");
        } else if (call.outcome() == Outcome.ABANDONED) {
            b.append(end).append('|').append(id).append("|support|NONE|ABANDON|1|1|").append(end - entered)
                    .append('\n');
        } else {
            b.append(end).append('|').append(id).append("|support|NONE|EXITWITHTIMEOUT|1|1|")
                    .append(end - entered).append('\n');
        }
        return b.toString();
    }

    /** The agent's channel, e.g. {@code SIP/1017-0000002a}, from the simulated agent. */
    private static String agentChannel(BenchCall call) {
        String agent = call.cdr().getAgentId() == null ? "0" : call.cdr().getAgentId().replaceAll("\\D", "");
        return "SIP/" + (1000 + Integer.parseInt(agent.isEmpty() ? "0" : agent)) + "-"
                + String.format("%08x", call.sequence() * 2 + 1);
    }
}
