package io.condurejava.config;

/**
 * A configuration or command-line error. The message is one line naming the key (or flag) and the
 * offending value; {@link #key()} is the property name ({@code condure.workers}) or the unknown flag,
 * {@link #value()} the offending text (null when there is none). Immutable; any thread.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    public ConfigException(String key, String value, String message) {
        super(message);
        this.key = key;
        this.value = value;
    }

    /** The property name or flag the error is about. */
    public String key() {
        return key;
    }

    /** The offending value, or null. */
    public String value() {
        return value;
    }
}
