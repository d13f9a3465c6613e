package org.hotlinepulse.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import org.hotlinepulse.yaml.BadValue;

import java.io.IOException;
import java.time.Duration;

/** Reads a duration of the job configuration, such as {@code 10m}, in {@link DurationSyntax}. */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
            throw new BadValue(p, "must be a duration such as 10m, not a "
                    + (p.currentToken() == JsonToken.START_ARRAY ? "list" : "mapping"));
        }
        Duration value;
        try {
            value = DurationSyntax.parse(p.getText());
        } catch (IllegalArgumentException e) {
            throw new BadValue(p, e.getMessage());
        }
        if (value.isNegative()) {
            throw new BadValue(p, "must not be negative");
        }
        return value;
    }
}
