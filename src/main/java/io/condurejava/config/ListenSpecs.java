package io.condurejava.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Parses Condure's listen spec {@code FIRST[,PARAM...]}: FIRST is {@code port}, {@code ipv4:port},
 * {@code [ipv6]:port} or, with {@code local}, a socket path; params are {@code stream}, {@code req},
 * {@code tls}, {@code default-cert=NAME}, {@code local}, {@code mode=OCTAL}, {@code user=NAME},
 * {@code group=NAME}. Addresses are literals only (no DNS). Pure; any thread.
 */
final class ListenSpecs {
    /** Largest TCP port number. */
    static final int PORT_MAX = 65_535;
    /** Largest Unix file mode accepted for {@code mode=}. */
    static final int FILE_MODE_MAX = 07777;
    /** Address used for a bare port. */
    static final String ANY_IPV4 = "0.0.0.0";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");

    private ListenSpecs() {
    }

    /** The listener used when neither a listen spec nor a zserver spec is configured. */
    static ListenSpec defaultListen() {
        return new TcpListen(new InetSocketAddress(ipv4("0.0.0.0"), 8000), ListenMode.STREAM, false, null);
    }

    /** Parses one spec; {@code raw} names the key and origin in errors. */
    static ListenSpec parse(RawValue raw, String spec) throws ConfigException {
        String[] parts = spec.split(",", -1);
        ListenMode mode = ListenMode.STREAM;
        boolean tls = false;
        boolean local = false;
        String defaultCert = null;
        int fileMode = -1;
        String user = null;
        String group = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            switch (name) {
                case "stream" -> mode = ListenMode.STREAM;
                case "req" -> mode = ListenMode.REQ;
                case "tls" -> tls = true;
                case "local" -> local = true;
                case "default-cert" -> defaultCert = required(raw, spec, part, value);
                case "user" -> user = required(raw, spec, part, value);
                case "group" -> group = required(raw, spec, part, value);
                case "mode" -> fileMode = fileMode(raw, spec, required(raw, spec, part, value));
                default -> throw raw.error(spec, "invalid param: " + part);
            }
        }
        String first = parts[0];
        if (local) {
            return new LocalListen(localPath(raw, spec, first), mode, fileMode, user, group);
        }
        return new TcpListen(tcpAddress(raw, spec, first), mode, tls, defaultCert);
    }

    private static String required(RawValue raw, String spec, String part, String value) throws ConfigException {
        if (value == null || value.isEmpty()) {
            throw raw.error(spec, "invalid param: " + part + " (a value is required)");
        }
        return value;
    }

    private static int fileMode(RawValue raw, String spec, String text) throws ConfigException {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '7') {
                throw raw.error(spec, "invalid mode: " + text + " (expected octal)");
            }
        }
        String significant = text.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 4 || Integer.parseInt(significant, 8) > FILE_MODE_MAX) {
            throw raw.error(spec, "invalid mode: " + text + " (largest is 7777)");
        }
        return Integer.parseInt(significant, 8);
    }

    private static Path localPath(RawValue raw, String spec, String first) throws ConfigException {
        if (first.isEmpty()) {
            throw raw.error(spec, "invalid local path: empty");
        }
        try {
            return Path.of(first);
        } catch (InvalidPathException e) {
            throw raw.error(spec, "invalid local path: " + e.getReason());
        }
    }

    private static InetSocketAddress tcpAddress(RawValue raw, String spec, String first) throws ConfigException {
        if (!first.isEmpty() && first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new InetSocketAddress(ipv4(ANY_IPV4), port(raw, spec, first));
        }
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            throw raw.error(spec, "invalid address: " + first + ", expected port, ipv4:port or [ipv6]:port");
        }
        String host = first.substring(0, colon);
        int port = port(raw, spec, first.substring(colon + 1));
        InetAddress address;
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
            address = ipv6(host.substring(1, host.length() - 1));
        } else {
            address = IPV4.matcher(host).matches() ? ipv4(host) : null;
        }
        if (address == null) {
            throw raw.error(spec, "invalid address: " + first + ", expected port, ipv4:port or [ipv6]:port");
        }
        return new InetSocketAddress(address, port);
    }

    private static int port(RawValue raw, String spec, String text) throws ConfigException {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || Integer.parseInt(text) > PORT_MAX) {
            throw raw.error(spec, "invalid port: '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** A dotted-quad literal, or null if an octet is out of range. */
    private static InetAddress ipv4(String text) {
        var m = IPV4.matcher(text);
        if (!m.matches()) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                return null;
            }
            b[i] = (byte) octet;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IPv6 literal (no DNS: text containing ':' is parsed as a literal by the JDK), or null. */
    private static InetAddress ipv6(String text) {
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
