package org.hotlinepulse.assessment;

import org.hotlinepulse.avro.AlertType;

import java.time.Instant;

/**
 * One alert episode (contract §6) as the assessment reads it from {@code alerts.jsonl} or the
 * {@code alerts} table.
 *
 * @param line the line number; null for FEED_STALE
 * @param endsAt null while the episode is still firing
 */
public record AlertEpisode(String id, AlertType type, String line, Instant startsAt, Instant endsAt) {

    public boolean isOpen() {
        return endsAt == null;
    }

    /** Whether the episode was open at some instant of [from, to). */
    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && (endsAt == null || endsAt.isAfter(from));
    }
}
