package io.condurejava.client;

import io.condurejava.zmq.ZServerChannel;

/**
 * What every client-mode exchange shares: our instance id, the reply channel, the connector, the
 * buffer size (request-body credit grant and largest response piece) and the session timeout
 * (longest wait for the initiator). Immutable; any thread.
 */
record ClientConfig(String instanceId, ZServerChannel channel, OriginConnector connector, int bufferSize,
                    long sessionTimeoutNanos) {
}
