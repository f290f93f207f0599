package io.condurejava.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XOR masking of payload bytes (RFC 6455 §5.3), eight bytes per step through a long view of the
 * array. Masking and unmasking are the same operation. Pure; any thread.
 */
final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code b[off, off+len)} in place with the 4-byte key {@code maskKey} (big-endian:
     * the first key byte is the high byte), where {@code b[off]} is payload byte number
     * {@code payloadPosition} of the frame.
     */
    static void mask(byte[] b, int off, int len, int maskKey, long payloadPosition) {
        int key = Integer.rotateLeft(maskKey, 8 * (int) (payloadPosition & 3));
        int i = off;
        int end = off + len;
        if (len >= 8) {
            long key8 = ((long) key << 32) | (key & 0xFFFFFFFFL);
            for (int last = end - 8; i <= last; i += 8) {
                LONGS.set(b, i, (long) LONGS.get(b, i) ^ key8);
            }
        }
        // i - off is a multiple of 8, so the key phase is unchanged for the tail
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            b[i] ^= (byte) (key >>> shift);
        }
    }
}
