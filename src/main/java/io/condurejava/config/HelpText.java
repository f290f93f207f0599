package io.condurejava.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Texts for {@code --help}, {@code --version} and {@code --sizes}, generated from {@link Key}. Pure; any thread. */
final class HelpText {
    /** Where maven-jar-plugin records the project version inside the jar. */
    static final String POM_PROPERTIES = "/META-INF/maven/io.condurejava/condure-java/pom.properties";
    /** Flags are padded to this width; wide enough for the longest, "--tls-identities-dir <directory>". */
    private static final int FLAG_COLUMN_WIDTH = 37;

    private HelpText() {
    }

    /** "condure-java VERSION"; the version comes from the jar ("dev" when run from classes). */
    static String version() {
        try (InputStream in = HelpText.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return "condure-java " + p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through to the package version
        }
        String v = HelpText.class.getPackage().getImplementationVersion();
        return "condure-java " + (v != null ? v : "dev");
    }

    /** Every flag with its unit and default, grouped as in the properties file. */
    static String help() {
        StringBuilder b = new StringBuilder();
        b.append(version()).append('\n');
        b.append("HTTP/1.1 and WebSocket connection manager speaking ZHTTP to ZeroMQ handlers"
                + " (a Java port of Condure 1.10)\n\n");
        b.append("Usage: condure-java [OPTIONS]\n");
        Key.Group group = null;
        for (Key k : Key.values()) {
            if (k.group != group) {
                group = k.group;
                b.append('\n').append(group.title).append(":\n");
            }
            String flag = "  " + k.flag() + switch (k.kind) {
                case BOOL -> "";
                case LIST -> " <" + k.unit.replace(' ', '-') + ">...";
                default -> " <" + k.unit.replace(' ', '-') + ">";
            };
            b.append(pad(flag)).append(k.description);
            b.append(" [default: ").append(k.defaultValue.isEmpty() ? "none" : k.defaultValue).append("]\n");
        }
        b.append("\nOther:\n");
        b.append(pad("  --config <file>")).append("properties file [default: etc/condure-java.properties"
                + " under -Dcondure.home or the working directory]\n");
        b.append(pad("  --sizes")).append("print per-connection memory sizes and exit\n");
        b.append(pad("  -h, --help")).append("print this help and exit\n");
        b.append(pad("  -V, --version")).append("print the version and exit\n");
        b.append("""

                Every option is also the key condure.<option> in the properties file, a system property
                (-Dcondure.<option>=...) or an environment variable (CONDURE_<OPTION>, '-' as '_').
                Priority: command line > system property > environment > properties file > default.
                Options marked ... repeat: one value per flag on the command line; elsewhere separate
                several values with whitespace (a listen spec contains commas).
                """);
        return b.toString();
    }

    /** What {@code --sizes} prints: memory bound per connection and the queue sizes derived from settings. */
    static String sizes(Settings s) {
        long perConn = 2L * s.bufferSize();
        long streamTotal = perConn * s.streamMaxconn();
        long reqTotal = (perConn + 2L * s.bodyBufferSize()) * s.reqMaxconn();
        int queue = s.zmqQueueSize() > 0 ? s.zmqQueueSize() : s.zmqHwm();
        return "stream connection buffers: " + perConn + " bytes (2 x buffer-size " + s.bufferSize() + ")\n"
                + "req connection buffers: " + (perConn + 2L * s.bodyBufferSize())
                + " bytes (2 x buffer-size + 2 x body-buffer-size)\n"
                + "stream connections: " + s.streamMaxconn() + ", up to " + streamTotal + " bytes of buffers\n"
                + "req connections: " + s.reqMaxconn() + ", up to " + reqTotal + " bytes of buffers\n"
                + "zmq hwm: " + s.zmqHwm() + " messages\n"
                + "zmq queue: " + queue + " messages" + (s.zmqQueueSize() > 0 ? "" : " (auto)") + "\n";
    }

    private static String pad(String flag) {
        if (flag.length() >= FLAG_COLUMN_WIDTH) {
            return flag + "\n" + " ".repeat(FLAG_COLUMN_WIDTH);
        }
        return flag + " ".repeat(FLAG_COLUMN_WIDTH - flag.length());
    }
}
