package io.condurejava.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Condure-compatible argv: {@code --flag=value} or {@code --flag value}; boolean flags take no value
 * (or {@code =true}/{@code =false}); repeatable flags add one value each; {@code -h/--help},
 * {@code -V/--version} and {@code --sizes} select an action; {@code --config FILE} names the properties file.
 * Immutable result; pure parsing, any thread.
 */
record CommandLine(Action action, Map<Key, List<String>> values, String configFile) {

    /** What the command line asks for. */
    enum Action { RUN, HELP, VERSION, SIZES }

    static final String CONFIG_FLAG = "--config";

    CommandLine {
        Map<Key, List<String>> copy = new EnumMap<>(Key.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    /** Parses argv; help and version win as soon as they are seen, like clap. */
    static CommandLine parse(String[] args) throws ConfigException {
        Map<Key, List<String>> values = new EnumMap<>(Key.class);
        String configFile = null;
        boolean sizes = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new CommandLine(Action.HELP, Map.of(), null);
                }
                case "-V", "--version" -> {
                    return new CommandLine(Action.VERSION, Map.of(), null);
                }
                case "--sizes" -> {
                    sizes = true;
                    continue;
                }
                default -> {
                }
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(arg, arg, "unexpected argument '" + arg + "' (see --help)");
            }
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            if (flag.equals(CONFIG_FLAG)) {
                if (configFile != null) {
                    throw new ConfigException(flag, inline, flag + " cannot be used more than once");
                }
                configFile = inline != null ? inline : next(args, ++i, flag);
                continue;
            }
            Key key = Key.byOption(flag.substring(2));
            if (key == null) {
                throw new ConfigException(flag, arg, "unknown option '" + flag + "' (see --help)");
            }
            String value;
            if (key.kind == Key.Kind.BOOL) {
                value = inline != null ? inline : "true";
            } else {
                value = inline != null ? inline : next(args, ++i, flag);
            }
            List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
            if (key.kind != Key.Kind.LIST && !list.isEmpty()) {
                throw new ConfigException(key.property(), value, flag + " cannot be used more than once");
            }
            list.add(value);
        }
        values.replaceAll((k, v) -> List.copyOf(v));
        return new CommandLine(sizes ? Action.SIZES : Action.RUN, values, configFile);
    }

    private static String next(String[] args, int i, String flag) throws ConfigException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ConfigException(flag, null, "a value is required for '" + flag + "' (see --help)");
        }
        return args[i];
    }
}
