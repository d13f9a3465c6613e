package org.hotlinepulse.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import java.util.Objects;

/** A call to one number, as the per-line operator hands it on to feed health. */
@TypeInfo(LineEventCodec.class)
public class LineEvent {
    /** The dialled number, the key. */
    public String line;
    public Attempt call;

    /** For {@link LineEventCodec}; use {@link #call}. */
    public LineEvent() {}

    /** A call to {@code line}. */
    public static LineEvent call(String line, Attempt call) {
        LineEvent e = new LineEvent();
        e.line = Objects.requireNonNull(line, "line");
        e.call = Objects.requireNonNull(call, "call");
        return e;
    }
}
