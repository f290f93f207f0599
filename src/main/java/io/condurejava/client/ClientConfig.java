package io.condurejava.client;

import io.condurejava.zmq.ZServerChannel;

/**
 * What every client-mode exchange shares: our instance id, the reply channel, the connector, the
 * buffer size (request-body credit grant, largest response piece, WebSocket credit grant), the
 * session timeout (longest wait for the initiator), the stream timeout (longest WebSocket
 * idleness), the largest WebSocket message from an origin (0 = no limit) and the largest
 * whole response of a req-mode request, the pool of idle origin connections, and whether
 * WebSocket sessions offer permessage-deflate ({@code --compression}). Immutable; any thread.
 */
record ClientConfig(String instanceId, ZServerChannel channel, OriginConnector connector, OriginPool pool, int bufferSize,
                    long sessionTimeoutNanos, long streamTimeoutNanos, long websocketMaxMessage,
                    int reqMaxResponseBytes, boolean compression) {

    /** Without WebSocket compression. */
    ClientConfig(String instanceId, ZServerChannel channel, OriginConnector connector, OriginPool pool, int bufferSize,
                 long sessionTimeoutNanos, long streamTimeoutNanos, long websocketMaxMessage, int reqMaxResponseBytes) {
        this(instanceId, channel, connector, pool, bufferSize, sessionTimeoutNanos, streamTimeoutNanos,
                websocketMaxMessage, reqMaxResponseBytes, false);
    }
}
