package io.condurejava.zhttp;

/**
 * An encoded packet where the encoder left it: bytes {@code [offset, offset + length)} of its buffer, handed on
 * without the copy into an exact-size array (for a request-body piece, that copy is a pass over up to 256 KiB).
 * The array belongs to the receiver; when it came from {@link PacketBuffers} ({@code recyclable}), the ZeroMQ
 * thread gives it back with {@link #recycle} once the socket has copied it. Immutable once built; any thread.
 */
public record EncodedPacket(byte[] bytes, int offset, int length, boolean recyclable) {

    /** Bytes that did not come from {@link PacketBuffers}: {@link #recycle} leaves them alone. */
    public EncodedPacket(byte[] bytes, int offset, int length) {
        this(bytes, offset, length, false);
    }

    /** Gives the buffer back for the next packet; nothing may read this packet afterwards. ZeroMQ thread. */
    public void recycle() {
        if (recyclable) {
            PacketBuffers.give(bytes);
        }
    }
}
