package org.hotlinepulse.cdr.asterisk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * Parses one queue_log line, {@code epoch|uniqueid|queue|agent|EVENT|data1|data2|...}. Queue-wide events (uniqueid
 * {@code NONE} or {@code REALTIME}: member logins, pauses, reloads) and events the mapping does not use are
 * skipped; a malformed line is a rejection with a reason.
 */
final class QueueLogLines {

    /** The call events the mapping reads (docs/pbx-formats.md). */
    static final Set<String> CALL_EVENTS = Set.of("ENTERQUEUE", "CONNECT", "ABANDON", "EXITWITHKEY",
            "EXITWITHTIMEOUT", "EXITEMPTY", "RINGNOANSWER", "COMPLETECALLER", "COMPLETEAGENT");
    private static final Set<String> NOT_A_CALL = Set.of("NONE", "REALTIME", "");
    private static final int MAX_FIELDS = 10;
    private static final List<String> NAMES = List.of("epoch", "uniqueid", "queue", "agent", "event", "data1",
            "data2", "data3", "data4", "data5");
    /** 2000-01-01 and 2100-01-01: an epoch outside is a unit or clock error. */
    private static final long MIN_EPOCH = 946_684_800L;
    private static final long MAX_EPOCH = 4_102_444_800L;

    /** An event, nothing (skipped), or a rejection. */
    record Result(QueueEvent event, String reason, String rawRecord) {
        static final Result SKIPPED = new Result(null, null, null);
    }

    private final CallerPseudonymiser pseudonymiser;

    QueueLogLines(CallerPseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    Result parse(String origin, long lineNumber, String line) {
        String[] f = line.split("\\|", MAX_FIELDS + 1);
        if (f.length > MAX_FIELDS) {
            return reject("the line has more than " + MAX_FIELDS + " |-separated fields", f);
        }
        if (f.length < 5) {
            return reject("the line has " + f.length + " |-separated fields; queue_log lines have at least 5"
                    + " (epoch|uniqueid|queue|agent|EVENT)", f);
        }
        String event = f[4];
        if (NOT_A_CALL.contains(f[1]) || !CALL_EVENTS.contains(event)) {
            return Result.SKIPPED;
        }
        long epoch;
        try {
            epoch = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            return reject("field 1 (epoch) " + quoted(f[0]) + " is not a whole number of epoch seconds", f);
        }
        if (epoch < MIN_EPOCH || epoch >= MAX_EPOCH) {
            return reject("field 1 (epoch) " + quoted(f[0]) + " is not between 2000 and 2100 in epoch seconds", f);
        }
        if (!AsteriskIds.isUniqueid(f[1])) {
            return reject("field 2 (uniqueid) " + quoted(f[1]) + " is not an Asterisk uniqueid (epoch.sequence)", f);
        }
        long hold = -1;
        if (event.equals("CONNECT")) {
            try {
                hold = f.length > 5 ? Long.parseLong(f[5]) : -1;
            } catch (NumberFormatException e) {
                return reject("field 6 (holdtime of CONNECT) " + quoted(f[5]) + " is not a whole number of seconds",
                        f);
            }
        }
        return new Result(new QueueEvent(origin, lineNumber, Instant.ofEpochSecond(epoch), f[1],
                PhoneNumbers.mask(f[2]), PhoneNumbers.mask(f[3]), event, hold), null, null);
    }

    private Result reject(String reason, String[] f) {
        return new Result(null, reason, redacted(f));
    }

    /** The fields by name; ENTERQUEUE's caller id (data2) hashed, other free text masked. */
    private String redacted(String[] f) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean enterQueue = f.length > 4 && f[4].equals("ENTERQUEUE");
        for (int i = 0; i < f.length; i++) {
            if (enterQueue && i == 6) {
                String hash = pseudonymiser.pseudonymise(f[i]);
                if (hash != null) {
                    out.put("caller_hash", hash);
                }
            } else if (i == 1 && AsteriskIds.isUniqueid(f[i])) {
                out.put(NAMES.get(i), f[i]);
            } else if (i < NAMES.size()) {
                String value = PhoneNumbers.mask(f[i]);
                out.put(NAMES.get(i), value.length() > 1000 ? value.substring(0, 1000) + "…" : value);
            } else {
                out.put("rest", "(withheld)");
            }
        }
        return out.toString();
    }

    private static String quoted(String value) {
        String masked = PhoneNumbers.mask(value);
        return "\"" + (masked.length() > 40 ? masked.substring(0, 40) + "…" : masked) + "\"";
    }
}
