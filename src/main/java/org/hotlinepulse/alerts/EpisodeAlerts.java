package org.hotlinepulse.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;

/** Builds the Avro {@link Alert} of an episode's FIRING and RESOLVED state changes, with its stable id. */
public final class EpisodeAlerts {

    private EpisodeAlerts() {}

    /**
     * The episode id: the first 32 hex digits (128 bits) of SHA-256 over the UTF-8 of
     * {@code TYPE|key|starts_at epoch millis}, key being the line number (or source).
     */
    public static String id(AlertType type, String key, long startsAt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type.name() + "|" + key + "|" + startsAt).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The severity contract §6 gives each type. */
    public static Severity severity(AlertType type) {
        return switch (type) {
            case SILENT, HIGH_ABANDONMENT, UNKNOWN_LINE -> Severity.warning;
            default -> Severity.critical;
        };
    }

    static Alert firing(AlertType type, LineContext ctx, long startsAt, Map<String, String> labels, String summary) {
        return alert(type, AlertState.FIRING, ctx, startsAt, null, labels, summary);
    }

    static Alert resolved(AlertType type, LineContext ctx, long startsAt, long endsAt, Map<String, String> labels) {
        return alert(type, AlertState.RESOLVED, ctx, startsAt, Instant.ofEpochMilli(endsAt), labels,
                AlertSummaries.resolved(type, ctx, startsAt, endsAt));
    }

    /** A FEED_STALE change: no line or department, the feed in label {@code source}. */
    static Alert feed(AlertState state, String source, long startsAt, Instant endsAt, String summary) {
        return new Alert(id(AlertType.FEED_STALE, source, startsAt), AlertType.FEED_STALE,
                severity(AlertType.FEED_STALE), state, null, null, Instant.ofEpochMilli(startsAt), endsAt,
                Map.of(LineHealth.SOURCE_LABEL, source), summary);
    }

    private static Alert alert(AlertType type, AlertState state, LineContext ctx, long startsAt, Instant endsAt,
                               Map<String, String> labels, String summary) {
        return new Alert(id(type, ctx.number(), startsAt), type, severity(type), state, ctx.number(),
                ctx.line() == null ? null : ctx.line().departmentId(), Instant.ofEpochMilli(startsAt), endsAt,
                labels, summary);
    }
}
