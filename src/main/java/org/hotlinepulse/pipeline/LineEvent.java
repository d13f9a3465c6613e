package org.hotlinepulse.pipeline;


import org.apache.flink.api.common.typeinfo.TypeInfo;
import java.util.Objects;

/**
 * What the line-health detector is told about one number: a call to it, or that the directory
 * lists it. The second is how a published number that never receives a call gets watched at all:
 * keyed state exists only for keys that have seen an element.
 */
@TypeInfo(LineEventCodec.class)
public class LineEvent {
    /** The dialled number, the key. */
    public String line;
    /** The call; null when this event only says that the directory lists the line. */
    public Attempt call;

    /** For {@link LineEventCodec}; use {@link #call} or {@link #listed}. */
    public LineEvent() {}

    /** A call to {@code line}. */
    public static LineEvent call(String line, Attempt call) {
        LineEvent e = new LineEvent();
        e.line = Objects.requireNonNull(line, "line");
        e.call = Objects.requireNonNull(call, "call");
        return e;
    }

    /** The directory lists {@code line}. */
    public static LineEvent listed(String line) {
        LineEvent e = new LineEvent();
        e.line = Objects.requireNonNull(line, "line");
        return e;
    }

    /** True when this event only says that the directory lists the line. */
    public boolean isListing() {
        return call == null;
    }
}
