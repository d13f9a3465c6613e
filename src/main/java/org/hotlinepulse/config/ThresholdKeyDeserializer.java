package org.hotlinepulse.config;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import org.hotlinepulse.directory.ThresholdKey;
import org.hotlinepulse.yaml.BadValue;

import java.io.IOException;

/** Reads a threshold name of {@code alerts.thresholds}, such as {@code constant_busy_share}. */
final class ThresholdKeyDeserializer extends KeyDeserializer {
    @Override
    public ThresholdKey deserializeKey(String key, DeserializationContext ctxt) throws IOException {
        ThresholdKey threshold = ThresholdKey.ofKey(key);
        if (threshold == null) {
            BadValue unknown = new BadValue(ctxt.getParser(), "unknown threshold (known: " + ThresholdKey.allKeys() + ")");
            unknown.prependPath(null, key);
            throw unknown;
        }
        return threshold;
    }
}
