package io.condurejava.zhttp;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encoder buffers used again: a packet's buffer goes back here once the ZeroMQ thread has copied it into
 * its socket ({@link EncodedPacket#recycle}), and the next packet of that size class is encoded into it, so
 * a request or a WebSocket message does not leave its encoded packet behind as garbage. Power-of-two classes
 * from {@value #MIN_BYTES} to {@value #MAX_BYTES} bytes, each keeping up to {@value #MAX_SLOTS} buffers and
 * {@value #CLASS_BYTES} bytes (a burst of upgrades has dozens of small packets in flight; at most about 1.5 MiB
 * held in all); larger buffers are neither handed out nor kept. Lock-free; any thread.
 */
public final class PacketBuffers {
    static final int MIN_BYTES = 512;
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_SLOTS = 64;
    static final int CLASS_BYTES = 256 * 1024;
    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_BYTES);
    private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_BYTES) - MIN_SHIFT + 1;
    @SuppressWarnings("unchecked")
    private static final AtomicReferenceArray<byte[]>[] POOL = new AtomicReferenceArray[CLASSES];

    static {
        for (int i = 0; i < CLASSES; i++) {
            POOL[i] = new AtomicReferenceArray<>(Math.min(MAX_SLOTS, CLASS_BYTES / (MIN_BYTES << i)));
        }
    }

    private PacketBuffers() {
    }

    /** A buffer of at least {@code minLength} bytes (contents undefined): a kept one when its class has one. */
    public static byte[] take(int minLength) {
        if (minLength > MAX_BYTES) {
            return new byte[minLength];
        }
        int size = Math.max(MIN_BYTES, Integer.highestOneBit(minLength - 1) << 1);
        AtomicReferenceArray<byte[]> slots = POOL[classOf(size)];
        for (int i = 0; i < slots.length(); i++) {
            byte[] b = slots.get(i);
            if (b != null && slots.compareAndSet(i, b, null)) {
                return b;
            }
        }
        return new byte[size];
    }

    /**
     * Keeps {@code buffer} for a later {@link #take} when it has a class's exact size and the class has room.
     * The caller must not read or write it afterwards, nor have handed it to anyone who will.
     */
    static void give(byte[] buffer) {
        int n = buffer.length;
        if (n < MIN_BYTES || n > MAX_BYTES || Integer.bitCount(n) != 1) {
            return;
        }
        AtomicReferenceArray<byte[]> slots = POOL[classOf(n)];
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, buffer)) {
                return;
            }
        }
    }

    /** Buffers kept now in the class of {@code size} (a power of two in range): for diagnostics and tests. */
    public static int kept(int size) {
        AtomicReferenceArray<byte[]> slots = POOL[classOf(size)];
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    private static int classOf(int powerOfTwoSize) {
        return Integer.numberOfTrailingZeros(powerOfTwoSize) - MIN_SHIFT;
    }
}
