package io.condurejava.zmq.ipc;

/**
 * A bound or connected endpoint; closing it stops its ipc relay (and removes a bound socket file).
 * Never touches the JeroMQ socket, so {@link #close()} may run on any thread.
 */
public interface EndpointHandle extends AutoCloseable {

    /** The endpoint as bound or connected; for {@code tcp://host:*} binds, the port JeroMQ chose. */
    String endpoint();

    /** Stops the relay, if any; idempotent, never throws. A no-op for tcp:// and inproc:// endpoints. */
    @Override
    void close();
}
