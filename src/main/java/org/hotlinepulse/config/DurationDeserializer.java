package org.hotlinepulse.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import org.apache.flink.util.TimeUtils;
import org.hotlinepulse.yaml.BadValue;

import java.io.IOException;
import java.time.Duration;

/** Reads a duration in Flink's syntax ({@code 250ms}, {@code 30s}, {@code 10 min}, {@code 4h}, {@code 1d}, or ISO-8601 {@code PT4H}). */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.currentToken().isScalarValue() ? p.getText() : null;
        try {
            Duration value = TimeUtils.parseDuration(text);
            if (value.isNegative()) {
                throw new BadValue(p, "must not be negative");
            }
            return value;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadValue(p, (text == null ? "a " + (p.currentToken().name().contains("ARRAY") ? "list" : "mapping")
                    : "\"" + text + "\"") + " is not a duration (write e.g. 250ms, 30s, 10m, 4h, 1d or PT4H)");
        }
    }
}
