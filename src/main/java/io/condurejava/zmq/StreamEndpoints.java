package io.condurejava.zmq;

/**
 * The three endpoints of one ZHTTP stream spec base (reference §2.1): {@code ipc://P} becomes
 * {@code ipc://P-out}, {@code -out-stream}, {@code -in}; {@code tcp://H:N} becomes ports N, N+1, N+2.
 * Pure value; any thread.
 */
public record StreamEndpoints(String out, String outStream, String in) {

    /** Expands a spec base; throws IllegalArgumentException with Condure's wording on a bad base. */
    public static StreamEndpoints expand(String base) {
        if (base.startsWith("ipc://")) {
            return new StreamEndpoints(base + "-out", base + "-out-stream", base + "-in");
        }
        if (base.startsWith("tcp://")) {
            int colon = base.lastIndexOf(':');
            String portText = colon > "tcp://".length() ? base.substring(colon + 1) : "";
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tcp base spec must specify port: " + base);
            }
            if (port < 1 || port > 65533) {
                throw new IllegalArgumentException("tcp base spec port out of range: " + base);
            }
            String host = base.substring(0, colon + 1);
            return new StreamEndpoints(host + port, host + (port + 1), host + (port + 2));
        }
        throw new IllegalArgumentException("base spec must be ipc or tcp: " + base);
    }
}
