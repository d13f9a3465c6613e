package org.hotlinepulse.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A value a deserializer refuses; the message says why in the words of the file's author, without the path. */
public final class BadValue extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    public BadValue(JsonParser parser, String message) {
        super(parser, message);
    }
}
