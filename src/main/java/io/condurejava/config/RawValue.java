package io.condurejava.config;

import java.util.List;

/**
 * The winning text of one key and where it came from. {@code cliValues} holds the individual values
 * of a repeated flag when the command line won (so values may contain spaces), else null.
 * Immutable; any thread.
 */
record RawValue(Key key, String text, String origin, List<String> cliValues) {

    /** An error about this key naming its Condure-style reason, the value and its origin. */
    ConfigException error(String reason) {
        return error(text, reason);
    }

    /** Like {@link #error(String)} for one element {@code value} of a multi-valued key. */
    ConfigException error(String value, String reason) {
        return new ConfigException(key.property(), value, "failed to parse " + key.option + ": " + reason
                + " (value '" + value + "' for " + key.property() + " from " + origin + ")");
    }

    /** The values of a multi-valued key: the repeated flags, or the text split on whitespace. */
    List<String> list() {
        if (cliValues != null) {
            return cliValues;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
