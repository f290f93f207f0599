package io.condurejava.zmq.ipc;

/** Handle of a tcp:// or inproc:// endpoint that JeroMQ serves itself; closing it does nothing. Any thread. */
record DirectHandle(String endpoint) implements EndpointHandle {

    @Override
    public void close() {
        // nothing to stop: JeroMQ owns the endpoint and releases it when its socket closes
    }
}
