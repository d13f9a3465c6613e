package org.hotlinepulse.pbx;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a PBX adapter needs to know that its records do not say: the {@code source} name written into each CDR
 * and the time zone of the PBX's local time stamps.
 *
 * @param source the CDR's {@code source} field, e.g. "freeswitch" (1–128 characters)
 * @param zone   the zone in which the PBX writes local times such as {@code 2026-10-12 09:03:11}
 */
public record PbxSettings(String source, ZoneId zone) implements Serializable {

    public PbxSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(zone, "zone");
        if (source.isBlank()) {
            throw new IllegalArgumentException("the source name is empty");
        }
    }

    /** The given source name and this machine's time zone, the zone a PBX on the same host writes in. */
    public static PbxSettings defaults(String source) {
        return new PbxSettings(source, ZoneId.systemDefault());
    }
}
