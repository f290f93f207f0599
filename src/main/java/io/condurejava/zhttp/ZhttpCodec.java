package io.condurejava.zhttp;

import java.util.Objects;

/**
 * ZHTTP packet codec: {@link ZhttpPacket} ↔ {@code T}-prefixed tnetstring dict, byte-compatible
 * with Condure 1.10 (field order, omitted defaults, limits). {@code from}, ids, header names and
 * values and {@code content-type} travel as ISO-8859-1 (one char per byte, lossless; chars above
 * U+00FF cannot be encoded and become '?'); method, uri, reason, condition, peer-address and
 * connect-host as UTF-8. Pure functions; any thread.
 */
public final class ZhttpCodec {
    /** Longest accepted {@code from} (bytes). */
    public static final int FROM_MAX_BYTES = 64;
    /** Longest accepted request id (bytes). */
    public static final int ID_MAX_BYTES = 64;
    /** Most ids in one packet (Condure's IDS_MAX); also the batch size for keep-alives and cancels. */
    public static final int IDS_PER_MESSAGE_MAX = 128;
    /** Most headers in one packet. */
    public static final int HEADERS_PER_MESSAGE_MAX = 64;
    /** Most tnetstring values the writer puts in one message (a list or dict counts as two). */
    public static final int VALUES_PER_MESSAGE_MAX = TnetWriter.VALUES_PER_MESSAGE_MAX;
    /** Largest status or close code (16-bit on the wire in Condure). */
    public static final int CODE_MAX = 65535;
    /** Largest TCP port. */
    public static final int PORT_MAX = 65535;

    private ZhttpCodec() {
    }

    /**
     * Encodes a packet as {@code T} + tnetstring dict.
     *
     * @throws IllegalArgumentException if the packet has more than {@link #IDS_PER_MESSAGE_MAX} ids or
     *                                  needs more than {@link #VALUES_PER_MESSAGE_MAX} values
     */
    public static byte[] encode(ZhttpPacket p) {
        return ZhttpEncoder.encode(Objects.requireNonNull(p, "packet"));
    }

    /**
     * As {@link #encode}, but the packet stays where the encoder wrote it (no copy into an exact-size array): for
     * messages that are only written out, such as request-body pieces on their way to a handler.
     */
    public static EncodedPacket encodeInPlace(ZhttpPacket p) {
        return ZhttpEncoder.encodeInPlace(Objects.requireNonNull(p, "packet"));
    }

    /** Decodes {@code buf[off, off+len)}, which must start with {@code T}; trailing bytes are ignored. */
    public static ZhttpPacket decode(byte[] buf, int off, int len) throws ZhttpFormatException {
        Objects.checkFromIndexSize(off, len, buf.length);
        return ZhttpDecoder.decode(buf, off, len);
    }

    /** Decodes a whole array. */
    public static ZhttpPacket decode(byte[] buf) throws ZhttpFormatException {
        return ZhttpDecoder.decode(buf, 0, buf.length);
    }
}
