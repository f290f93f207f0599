package io.condurejava.zmq;

/**
 * The three endpoints of one {@code --zserver-stream} base (reference §2.4): {@code ipc://P} becomes
 * {@code P-in}, {@code P-in-stream}, {@code P-out}; {@code tcp://H:N} ports N, N+1, N+2 (same checks
 * as the server side's bases). Pure value; any thread.
 */
record ZServerEndpoints(String in, String inStream, String out) {
    static ZServerEndpoints expand(String base) {
        if (base.startsWith("ipc://")) {
            return new ZServerEndpoints(base + "-in", base + "-in-stream", base + "-out");
        }
        StreamEndpoints tcp = StreamEndpoints.expand(base); // ports PORT, PORT+1, PORT+2; same checks
        return new ZServerEndpoints(tcp.out(), tcp.outStream(), tcp.in());
    }
}
