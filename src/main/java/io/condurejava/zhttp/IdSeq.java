package io.condurejava.zhttp;

import java.util.Objects;

/**
 * One addressed session in a ZHTTP packet: request id plus its sequence number
 * ({@link #NO_SEQ} when the packet carries none). The id is the ISO-8859-1 decoding of the
 * wire bytes, so any byte string survives a round trip. Immutable; any thread.
 */
public record IdSeq(String id, long seq) {
    /** Marker for "no seq field": the receiver skips its sequence check. */
    public static final long NO_SEQ = -1;

    public IdSeq {
        Objects.requireNonNull(id, "id");
        if (seq < NO_SEQ) {
            throw new IllegalArgumentException("seq must be >= 0 or NO_SEQ, got " + seq);
        }
    }

    /** True when a seq is present. */
    public boolean hasSeq() {
        return seq != NO_SEQ;
    }
}
