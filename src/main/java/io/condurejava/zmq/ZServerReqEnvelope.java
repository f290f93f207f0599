package io.condurejava.zmq;

import java.util.List;

/**
 * The routing frames a client-mode req request came with (before the empty delimiter), kept to
 * send its reply back the same way. Opaque outside this package; immutable by convention (the frames
 * are never changed); any thread.
 */
public final class ZServerReqEnvelope {
    private final List<byte[]> frames;

    ZServerReqEnvelope(List<byte[]> frames) {
        this.frames = List.copyOf(frames);
    }

    List<byte[]> frames() {
        return frames;
    }
}
