package io.condurejava.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Assembles the MicroProfile config from its sources, lowest to highest priority: code defaults,
 * the properties file, the environment, system properties, the command line. Creates no loggers.
 * Runs once on the main thread.
 */
final class ConfigSources {
    /** System property naming the application home (set by bin/condure-java). */
    static final String HOME_PROPERTY = "condure.home";
    /** System property naming the properties file (like --config). */
    static final String CONFIG_PROPERTY = "condure.config";
    /** The properties file looked for under the home (or the working directory). */
    static final String DEFAULT_FILE = "etc/condure-java.properties";

    static final int FILE_ORDINAL = 100;
    static final int ENV_ORDINAL = 300;
    static final int SYSPROP_ORDINAL = 400;
    static final String FILE_SOURCE_PREFIX = "file ";
    static final String SYSPROP_SOURCE = "system properties";

    private ConfigSources() {
    }

    /** Builds the config; a missing default file is fine, a missing named file is an error. */
    static SmallRyeConfig build(CliConfigSource cli, String configFlag, Map<String, String> env,
            Map<String, String> sysprops) throws ConfigException {
        Map<String, String> defaults = new HashMap<>();
        for (Key k : Key.values()) {
            defaults.put(k.property(), k.defaultValue);
        }
        Path file = configFile(configFlag, sysprops);
        Map<String, String> fileValues = readFile(file, configFlag != null || sysprops.get(CONFIG_PROPERTY) != null);
        Map<String, String> sysValues = new HashMap<>();
        sysprops.forEach((k, v) -> {
            if (Key.byProperty(k) != null) {
                sysValues.put(k, v);
            }
        });
        return new SmallRyeConfigBuilder()
                .withDefaultValues(defaults)
                .withSources(new MapConfigSource(FILE_SOURCE_PREFIX + file, FILE_ORDINAL, fileValues),
                        new EnvConfigSource(env, ENV_ORDINAL),
                        new MapConfigSource(SYSPROP_SOURCE, SYSPROP_ORDINAL, sysValues),
                        cli)
                .build();
    }

    /** The file named by --config, else -Dcondure.config, else etc/condure-java.properties under the home. */
    static Path configFile(String configFlag, Map<String, String> sysprops) throws ConfigException {
        String named = configFlag != null ? configFlag : sysprops.get(CONFIG_PROPERTY);
        String key = configFlag != null ? CommandLine.CONFIG_FLAG : CONFIG_PROPERTY;
        if (named != null) {
            if (named.isBlank()) {
                throw new ConfigException(key, named, "config file name is empty (" + key + ")");
            }
            return Path.of(named);
        }
        String home = sysprops.get(HOME_PROPERTY);
        return (home != null ? Path.of(home) : Path.of("")).resolve(DEFAULT_FILE);
    }

    private static Map<String, String> readFile(Path file, boolean required) throws ConfigException {
        if (!Files.exists(file)) {
            if (required) {
                throw new ConfigException(CONFIG_PROPERTY, file.toString(), "config file not found: " + file);
            }
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(CONFIG_PROPERTY, file.toString(),
                    "cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(Key.PREFIX) && Key.byProperty(name) == null) {
                throw new ConfigException(name, p.getProperty(name), "unknown key " + name + " in " + file);
            }
            values.put(name, p.getProperty(name));
        }
        return values;
    }

    /** Human-readable origin of a value, for error messages. */
    static String origin(Key key, String sourceName) {
        if (sourceName == null) {
            return "default";
        }
        if (sourceName.equals(CliConfigSource.NAME)) {
            return key.flag();
        }
        if (sourceName.equals(SYSPROP_SOURCE)) {
            return "system property " + key.property();
        }
        if (sourceName.startsWith(FILE_SOURCE_PREFIX)) {
            return sourceName;
        }
        if (sourceName.startsWith(EnvConfigSource.NAME)) {
            return "environment " + key.envName();
        }
        return "default";
    }
}
