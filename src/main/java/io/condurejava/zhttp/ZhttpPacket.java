package io.condurejava.zhttp;

import java.util.List;
import java.util.Objects;

/**
 * One ZHTTP message: sender address, addressed session ids, the {@code ext.multi} flag and a
 * typed payload. {@code from} is the ISO-8859-1 decoding of the wire bytes (null = absent).
 * Immutable (ids copied into an unmodifiable list); any thread.
 */
public record ZhttpPacket(String from, List<IdSeq> ids, boolean multi, Payload payload) {

    public ZhttpPacket {
        ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a packet needs at least one id");
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** A packet for a single session. */
    public static ZhttpPacket of(String from, String id, long seq, boolean multi, Payload payload) {
        return new ZhttpPacket(from, List.of(new IdSeq(id, seq)), multi, payload);
    }

    /** The first (usually the only) id. */
    public String firstId() {
        return ids.get(0).id();
    }

    /** The seq of the first id, or {@link IdSeq#NO_SEQ}. */
    public long firstSeq() {
        return ids.get(0).seq();
    }
}
