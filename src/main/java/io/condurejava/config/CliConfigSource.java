package io.condurejava.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The command-line flags as the highest-priority MicroProfile config source. A repeated flag is
 * exposed as its values joined by spaces; {@link #values(Key)} keeps them apart. Immutable; any thread.
 */
final class CliConfigSource implements ConfigSource {
    static final String NAME = "command line";
    /** Above system properties (400) and everything else. */
    static final int ORDINAL = 1000;

    private final Map<Key, List<String>> values;
    private final Map<String, String> properties = new HashMap<>();

    CliConfigSource(Map<Key, List<String>> values) {
        this.values = values;
        values.forEach((k, v) -> properties.put(k.property(), String.join(" ", v)));
    }

    /** The individual values given for {@code key}, or null if the flag was not given. */
    List<String> values(Key key) {
        return values.get(key);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(properties.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
