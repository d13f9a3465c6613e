package org.hotlinepulse.cdr;

import org.hotlinepulse.avro.Cdr;

/** The feed a CDR came from: contract §3 reads an absent {@code source} as the feed {@link #DEFAULT}. */
public final class CdrSource {
    /** The source of a CDR that names none. */
    public static final String DEFAULT = "default";

    private CdrSource() {}

    /** The CDR's {@code source}, or {@link #DEFAULT}. */
    public static String of(Cdr cdr) {
        return orDefault(cdr.getSource());
    }

    /** {@code source}, or {@link #DEFAULT} when it is null. */
    public static String orDefault(String source) {
        return source != null ? source : DEFAULT;
    }
}
