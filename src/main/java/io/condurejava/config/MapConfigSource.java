package io.condurejava.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** A fixed map as a MicroProfile config source whose name is used verbatim in error messages. Immutable; any thread. */
record MapConfigSource(String name, int ordinal, Map<String, String> properties) implements ConfigSource {
    MapConfigSource {
        properties = Map.copyOf(properties);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }
}
