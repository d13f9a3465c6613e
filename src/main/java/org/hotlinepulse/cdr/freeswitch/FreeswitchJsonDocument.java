package org.hotlinepulse.cdr.freeswitch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.RedactedRecord;

/**
 * Maps one parsed {@code mod_json_cdr} document to a canonical CDR (docs/freeswitch.md): times from the
 * {@code variables} object ({@code *_uepoch} microseconds, else {@code *_epoch} seconds, else the local
 * {@code *_stamp}), the person answering from {@code bridge_*} (never {@code answer_*}, which a voice menu sets),
 * the dialled number and caller from the first caller profile of the {@code callflow}.
 */
final class FreeswitchJsonDocument {

    /** Returned instead of a record for a B-leg document, which the reader skips. */
    static final InputRecord B_LEG = new InputRecord();

    /** The variables a rejected document's record shows. */
    private static final Set<String> SHOWN = Set.of("uuid", "destination_number", "start_stamp",
            "answer_stamp", "bridge_stamp", "end_stamp", "start_uepoch", "answer_uepoch", "bridge_uepoch",
            "end_uepoch", "start_epoch", "answer_epoch", "bridge_epoch", "end_epoch", "hangup_cause",
            "hangup_cause_q850", "sip_hangup_disposition", "cc_queue_joined_epoch", "cc_queue_answered_epoch");

    private final CallerPseudonymiser pseudonymiser;
    private final FreeswitchTimes times;
    private final FreeswitchCdrMapping mapping;

    FreeswitchJsonDocument(CallerPseudonymiser pseudonymiser, CdrInputOptions settings) {
        this.pseudonymiser = pseudonymiser;
        this.times = new FreeswitchTimes(settings.zone());
        this.mapping = new FreeswitchCdrMapping(settings);
    }

    /** The record of a document, {@link #B_LEG} for a B-leg, or a rejection naming the field. */
    InputRecord toRecord(String origin, long position, JsonNode document, String text) {
        if (!document.isObject()) {
            return InputRecord.rejected(origin, position, "not a mod_json_cdr document: a JSON "
                    + document.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object",
                    RedactedRecord.maskedText(text));
        }
        JsonNode variables = document.get("variables");
        if (variables == null || !variables.isObject()) {
            return InputRecord.rejected(origin, position,
                    "not a mod_json_cdr document: it has no \"variables\" object", RedactedRecord.maskedText(text));
        }
        JsonNode profile = firstCallerProfile(document.get("callflow"));
        // The caller number is hashed before anything else reads the document; the name is never read.
        String rawCaller = first(value(profile, "caller_id_number"), value(variables, "caller_id_number"),
                value(variables, "sip_from_user"));
        String callerHash = rawCaller == null ? null : pseudonymiser.pseudonymise(rawCaller);
        String destination = first(value(profile, "destination_number"), value(variables, "destination_number"),
                value(variables, "sip_req_user"));
        RedactedRecord raw = rawRecord(variables, destination, callerHash);
        if (value(variables, "originating_leg_uuid") != null || value(variables, "originator") != null) {
            return B_LEG;
        }
        try {
            return mapping.toRecord(origin, position, call(variables, profile, destination, callerHash), raw.toJson());
        } catch (FieldProblem e) {
            return InputRecord.rejected(origin, position, e.getMessage(), raw.toJson());
        }
    }

    private FreeswitchCall call(JsonNode variables, JsonNode profile, String destination, String callerHash)
            throws FieldProblem {
        String uuid = first(value(variables, "uuid"), value(profile, "uuid"));
        if (uuid == null) {
            throw new FieldProblem("uuid", "missing required field variables.uuid");
        }
        if (destination == null) {
            throw new FieldProblem("destination_number",
                    "missing required field callflow.caller_profile.destination_number");
        }
        Instant start = required("start", time(variables, "start"));
        Instant end = required("end", time(variables, "end"));
        Instant answered = time(variables, "answer");
        Instant bridged = time(variables, "bridge");
        Instant queueAnswered = FreeswitchTimes.epochSeconds("cc_queue_answered_epoch",
                value(variables, "cc_queue_answered_epoch"));
        Instant person = bridged != null ? bridged : queueAnswered;
        Integer q850 = q850(value(variables, "hangup_cause_q850"));
        return new FreeswitchCall(uuid, destination, callerHash, start,
                FreeswitchTimes.epochSeconds("cc_queue_joined_epoch", value(variables, "cc_queue_joined_epoch")),
                person, end, HangupCause.parse(value(variables, "hangup_cause")), q850,
                value(variables, "sip_hangup_disposition"),
                answered != null && (person == null || answered.isBefore(person)), value(variables, "cc_agent"));
    }

    /** {@code <prefix>_uepoch}, else {@code <prefix>_epoch}, else {@code <prefix>_stamp}; null when none is set. */
    private Instant time(JsonNode variables, String prefix) throws FieldProblem {
        Instant micros = FreeswitchTimes.epochMicros(prefix + "_uepoch", value(variables, prefix + "_uepoch"));
        if (micros != null) {
            return micros;
        }
        Instant seconds = FreeswitchTimes.epochSeconds(prefix + "_epoch", value(variables, prefix + "_epoch"));
        if (seconds != null) {
            return seconds;
        }
        return times.stamp(prefix + "_stamp", value(variables, prefix + "_stamp"));
    }

    private static Instant required(String prefix, Instant time) throws FieldProblem {
        if (time == null) {
            throw new FieldProblem(prefix + "_stamp", "missing required field variables." + prefix
                    + "_uepoch (or " + prefix + "_epoch, " + prefix + "_stamp)");
        }
        return time;
    }

    private static Integer q850(String text) throws FieldProblem {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FieldProblem("hangup_cause_q850", "field hangup_cause_q850 " + FreeswitchTimes.quoted(text)
                    + " is not a cause number");
        }
        return Integer.valueOf(digits);
    }

    private RedactedRecord rawRecord(JsonNode variables, String destination, String callerHash) {
        RedactedRecord raw = new RedactedRecord();
        raw.field("uuid", value(variables, "uuid")).field("destination_number", destination);
        raw.callerHash(callerHash);
        for (String name : SHOWN) {
            if (!name.equals("uuid") && !name.equals("destination_number")) {
                raw.field(name, value(variables, name));
            }
        }
        return raw;
    }

    /**
     * The caller profile of the call as dialled: {@code callflow} is an array (newest profile first, each with a
     * {@code profile_index}) in current FreeSWITCH and an object in old versions; a transfer adds profiles whose
     * destination is no longer the public number.
     */
    private static JsonNode firstCallerProfile(JsonNode callflow) {
        if (callflow == null) {
            return null;
        }
        if (callflow.isObject()) {
            return callflow.get("caller_profile");
        }
        if (!callflow.isArray() || callflow.isEmpty()) {
            return null;
        }
        JsonNode best = callflow.get(callflow.size() - 1);
        long bestIndex = Long.MAX_VALUE;
        for (JsonNode flow : callflow) {
            String index = value(flow, "profile_index");
            if (index != null && index.chars().allMatch(Character::isDigit) && index.length() < 10
                    && Long.parseLong(index) < bestIndex) {
                bestIndex = Long.parseLong(index);
                best = flow;
            }
        }
        return best == null ? null : best.get("caller_profile");
    }

    /**
     * A scalar field as text, null when absent, empty or not a scalar. mod_json_cdr URL-encodes values unless
     * {@code encode-values} is off, so percent escapes are decoded ('+' is kept: it is part of phone numbers).
     */
    static String value(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode node = object.get(name);
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        if (text.indexOf('%') >= 0) {
            text = percentDecoded(text);
        }
        return text.isBlank() ? null : text;
    }

    private static String percentDecoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
