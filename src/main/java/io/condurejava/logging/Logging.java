package io.condurejava.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up logging once, on the main thread, before anything logs: slf4j-simple writing to stdout,
 * configured from {@code etc/logging.properties} (under {@code -Dcondure.home}, else the working
 * directory; the copy {@code condure-logging.properties} built into the jar when the file is absent),
 * and java.util.logging (SmallRye, JDK) bridged into SLF4J.
 *
 * <p>Order, because slf4j-simple fixes its default level when the first logger is created:
 * <ol>
 *   <li>{@code ConfigLoader.load(args, env)} — creates no SLF4J logger (config classes have no static
 *       loggers; SmallRye's jboss-logging uses java.util.logging when Logback is absent);</li>
 *   <li>{@code Logging.init(settings.logLevel())} — bridge, properties, level;</li>
 *   <li>everything else. A configuration error is printed by Main without a logger.</li>
 * </ol>
 * Loggers created before {@link #init} keep slf4j-simple's built-in default (info).
 */
public final class Logging {
    /** The logging file, relative to the home. */
    public static final String FILE = "etc/logging.properties";
    /** The built-in copy of {@link #FILE}. */
    static final String RESOURCE = "/condure-logging.properties";
    /** Only keys with this prefix are applied. */
    static final String SIMPLE_PREFIX = "org.slf4j.simpleLogger.";
    static final String DEFAULT_LEVEL_KEY = SIMPLE_PREFIX + "defaultLogLevel";
    static final String HOME_PROPERTY = "condure.home";

    private Logging() {
    }

    /**
     * Installs the java.util.logging bridge, loads the logging properties as system properties
     * (existing ones win) and sets the default level from Condure's {@code logLevel}.
     */
    public static void init(int logLevel) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LogManager.getLogManager().getLogger("").setLevel(julLevel(logLevel));
        Properties p = properties(home());
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(SIMPLE_PREFIX) && System.getProperty(name) == null) {
                System.setProperty(name, p.getProperty(name).strip());
            }
        }
        System.setProperty(DEFAULT_LEVEL_KEY, slf4jLevel(logLevel));
    }

    /** slf4j-simple's level name for Condure's level: 0 error, 1 warn, 2 info, 3 debug, 4+ trace. */
    static String slf4jLevel(int logLevel) {
        return switch (Math.max(logLevel, 0)) {
            case 0 -> "error";
            case 1 -> "warn";
            case 2 -> "info";
            case 3 -> "debug";
            default -> "trace";
        };
    }

    /** The java.util.logging root level that lets through what {@link #slf4jLevel} would print. */
    static Level julLevel(int logLevel) {
        return switch (Math.max(logLevel, 0)) {
            case 0 -> Level.SEVERE;
            case 1 -> Level.WARNING;
            case 2 -> Level.INFO;
            case 3 -> Level.FINE;
            default -> Level.FINEST;
        };
    }

    /** The logging properties: {@code home/etc/logging.properties} if it exists, else the built-in copy. */
    static Properties properties(Path home) {
        Properties p = new Properties();
        Path file = home.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            } else {
                try (InputStream in = Logging.class.getResourceAsStream(RESOURCE)) {
                    if (in != null) {
                        p.load(in);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("condure-java: cannot read " + file + ": " + e.getMessage());
        }
        return p;
    }

    private static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return home != null ? Path.of(home) : Path.of("");
    }
}
