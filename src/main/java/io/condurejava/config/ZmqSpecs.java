package io.condurejava.config;

/**
 * Validates ZeroMQ specs: {@code ipc://PATH} or {@code tcp://HOST:PORT}. A stream spec base expands to
 * three endpoints (tcp ports PORT..PORT+2), so its port must leave room for two more. Pure; any thread.
 */
final class ZmqSpecs {
    /** Ports a stream spec base occupies beyond its own (ROUTER at PORT+1, SUB/PUB at PORT+2). */
    static final int STREAM_EXTRA_PORTS = 2;

    private ZmqSpecs() {
    }

    /** Checks one spec; {@code base} is true for stream spec bases. */
    static String check(RawValue raw, String spec, boolean base) throws ConfigException {
        if (spec.startsWith("ipc://")) {
            if (spec.length() == "ipc://".length()) {
                throw raw.error(spec, "ipc spec must specify a path");
            }
            return spec;
        }
        if (!spec.startsWith("tcp://")) {
            throw raw.error(spec, base ? "base spec must be ipc or tcp" : "spec must be ipc or tcp");
        }
        String rest = spec.substring("tcp://".length());
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || colon == rest.length() - 1 || rest.endsWith("]")) {
            throw raw.error(spec, base ? "tcp base spec must specify port" : "tcp spec must specify port");
        }
        if (colon == 0) {
            throw raw.error(spec, "tcp spec must specify a host");
        }
        String port = rest.substring(colon + 1);
        int max = ListenSpecs.PORT_MAX - (base ? STREAM_EXTRA_PORTS : 0);
        boolean digits = port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || Integer.parseInt(port) < 1 || Integer.parseInt(port) > max) {
            throw raw.error(spec, "invalid port in tcp spec: '" + port + "' (1.." + max + ")");
        }
        return spec;
    }
}
