package io.condurejava.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The validated configuration of one condure-java process (Condure 1.10's options plus our own
 * timers). Built by {@link ConfigLoader}; lists are immutable. Immutable; any thread.
 *
 * @param listens the client listeners; never empty unless a zserver spec is given
 * @param ipcFileMode permissions for bound ipc socket files, 0 = leave as created
 * @param zmqQueueSize bound of the queue towards the ZeroMQ thread, 0 = automatic
 * @param websocketMaxMessage largest WebSocket message from a client in bytes, 0 = no limit
 * @param websocketWindow credits offered to handlers for WebSocket data to the client, 0 = bufferSize
 * @param websocketCreditDelayMillis longest credits for written WebSocket content are held back, 0 = never
 * @param batchScheduling switch the process to SCHED_BATCH at start (Linux; see {@code BatchScheduling})
 * @param nativeZmtp speak ZMTP on the bound stream sockets from the ZeroMQ thread itself instead of JeroMQ
 */
public record Settings(int logLevel, String id, int workers, int reqMaxconn, int streamMaxconn, int bufferSize,
        int bodyBufferSize, int messagesMax, int reqTimeoutSeconds, int streamTimeoutSeconds, List<ListenSpec> listens,
        List<String> zclientReq, List<String> zclientStream, boolean zclientConnect, List<String> zserverReq,
        List<String> zserverStream, boolean zserverConnect, int ipcFileMode, Path tlsIdentitiesDir,
        boolean compression, boolean denyOutInternal, int sessionTimeoutSeconds, int keepAliveIntervalSeconds,
        int shutdownTimeoutSeconds, int zmqQueueSize, int websocketMaxMessage, int websocketWindow,
        int websocketCreditDelayMillis, boolean batchScheduling, boolean nativeZmtp) {

    /** Condure's limit on req-maxconn + stream-maxconn. */
    public static final int TOTAL_MAXCONN_MAX = 10_000_000;

    /** Divisor of the total maxconn in Condure's "other HWM" rule. */
    static final int HWM_MAXCONN_DIVISOR = 20;

    public Settings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tlsIdentitiesDir, "tlsIdentitiesDir");
        listens = List.copyOf(listens);
        zclientReq = List.copyOf(zclientReq);
        zclientStream = List.copyOf(zclientStream);
        zserverReq = List.copyOf(zserverReq);
        zserverStream = List.copyOf(zserverStream);
    }

    /**
     * Credits a WebSocket session offers its handler for data towards the client: the window (never
     * below --buffer-size; 0 means --buffer-size, Condure's choice), 3/4 of it when deflate was agreed
     * (Condure's rule, reference §5.7).
     */
    public int websocketCredits(boolean deflate) {
        long window = Math.max(bufferSize, websocketWindow);
        return (int) (deflate ? window * 3 / 4 : window);
    }

    /** Condure's computed high-water mark: {@code max((reqMaxconn + streamMaxconn) / 20, 1)}. */
    public int zmqHwm() {
        return (int) Math.max(((long) reqMaxconn + streamMaxconn) / HWM_MAXCONN_DIVISOR, 1);
    }
}
