package org.hotlinepulse.config;

/** A configuration that cannot be used; the message names the file, the key and the problem. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
