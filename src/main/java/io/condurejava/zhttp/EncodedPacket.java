package io.condurejava.zhttp;

/**
 * An encoded packet where the encoder left it: bytes {@code [offset, offset + length)} of its buffer, handed on
 * without the copy into an exact-size array (for a request-body piece, that copy is a pass over up to 256 KiB).
 * The array belongs to the receiver. Immutable once built; any thread.
 */
public record EncodedPacket(byte[] bytes, int offset, int length) {
}
