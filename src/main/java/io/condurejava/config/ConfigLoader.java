package io.condurejava.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of configuration: parses argv, assembles the sources (defaults, properties file,
 * environment, system properties, command line), validates, and applies {@link FeatureGate}.
 * Creates no loggers, so {@code Logging.init} can run after it. Runs once on the main thread.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Parses argv and all sources; system properties are read from {@link System#getProperties()}.
     *
     * @param environment the process environment (normally {@link System#getenv()})
     * @return {@link CliRequest.Run} with validated settings, or {@link CliRequest.PrintAndExit} for
     *     {@code --help}, {@code --version} and {@code --sizes}
     * @throws ConfigException on any invalid or not yet implemented option
     */
    public static CliRequest load(String[] args, Map<String, String> environment) throws ConfigException {
        Map<String, String> sysprops = new HashMap<>();
        System.getProperties().forEach((k, v) -> sysprops.put(String.valueOf(k), String.valueOf(v)));
        return load(args, environment, sysprops);
    }

    /** Like {@link #load(String[], Map)} with explicit system properties (for tests). */
    static CliRequest load(String[] args, Map<String, String> environment, Map<String, String> sysprops)
            throws ConfigException {
        CommandLine cl = CommandLine.parse(args);
        switch (cl.action()) {
            case HELP -> {
                return new CliRequest.PrintAndExit(HelpText.help().stripTrailing());
            }
            case VERSION -> {
                return new CliRequest.PrintAndExit(HelpText.version());
            }
            default -> {
            }
        }
        Settings settings = settings(cl, environment, sysprops);
        if (cl.action() == CommandLine.Action.SIZES) {
            return new CliRequest.PrintAndExit(HelpText.sizes(settings).stripTrailing());
        }
        FeatureGate.check(settings);
        return new CliRequest.Run(settings);
    }

    /** Parses and validates without the feature gate (for tests of not yet implemented options). */
    static Settings settings(String[] args, Map<String, String> environment, Map<String, String> sysprops)
            throws ConfigException {
        return settings(CommandLine.parse(args), environment, sysprops);
    }

    private static Settings settings(CommandLine cl, Map<String, String> environment, Map<String, String> sysprops)
            throws ConfigException {
        CliConfigSource cli = new CliConfigSource(cl.values());
        var config = ConfigSources.build(cli, cl.configFile(), environment, sysprops);
        return new SettingsReader(config, cli).read();
    }
}
