package io.condurejava.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response buffer: small first, grown to capacity when a response needs it, bytes kept in order. */
class LazyBufferedOutputStreamTest {
    private static final int CAPACITY = 8192 + 512;

    /** Records each write it receives (as one block), so coalescing can be checked. */
    private static final class Writes extends ByteArrayOutputStream {
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            sizes.add(len);
            super.write(b, off, len);
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    @Test
    void writeAndFlushWithNothingBufferedGoesStraightOutAsOneWrite() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        byte[] answer = bytes(170, 3);
        s.writeAndFlush(answer);
        assertEquals(List.of(170), out.sizes);
        assertArrayEquals(answer, out.toByteArray());
    }

    @Test
    void writeAndFlushAfterBufferedBytesKeepsTheOrderInOneWrite() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        byte[] first = bytes(20, 4);
        byte[] answer = bytes(170, 5);
        s.write(first, 0, first.length);
        s.writeAndFlush(answer);
        assertEquals(List.of(190), out.sizes);
        byte[] all = out.toByteArray();
        assertArrayEquals(first, java.util.Arrays.copyOfRange(all, 0, 20));
        assertArrayEquals(answer, java.util.Arrays.copyOfRange(all, 20, 190));
    }

    @Test
    void headAndBodyBeyondTheFirstBufferLeaveAsOneWrite() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        byte[] head = bytes(200, 1);
        byte[] body = bytes(5000, 2); // more than the first buffer, less than the capacity
        s.write(head, 0, head.length);
        s.write(body, 0, body.length);
        s.flush();
        assertEquals(List.of(5200), out.sizes);
        byte[] all = out.toByteArray();
        assertArrayEquals(head, java.util.Arrays.copyOfRange(all, 0, 200));
        assertArrayEquals(body, java.util.Arrays.copyOfRange(all, 200, 5200));
    }

    @Test
    void singleBytesPastTheFirstBufferKeepTheirOrder() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        byte[] data = bytes(3000, 7);
        for (byte b : data) {
            s.write(b);
        }
        s.flush();
        assertEquals(List.of(3000), out.sizes);
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void aFullBufferDrainsAndAWriteOfCapacityGoesStraightThrough() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        byte[] a = bytes(CAPACITY - 10, 3);
        byte[] b = bytes(20, 4);
        byte[] big = bytes(CAPACITY, 5);
        s.write(a, 0, a.length);
        s.write(b, 0, b.length); // does not fit: the buffered bytes leave first
        s.write(big, 0, big.length); // drains the 20 buffered bytes, then writes directly
        s.flush();
        assertEquals(List.of(CAPACITY - 10, 20, CAPACITY), out.sizes);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(a);
        expected.write(b);
        expected.write(big);
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
    }

    @Test
    void eachFlushEndsOneResponsesWrite() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        s.write(bytes(4000, 1), 0, 4000);
        s.flush();
        s.write(bytes(100, 2), 0, 100);
        s.write(bytes(100, 3), 0, 100);
        s.flush();
        assertEquals(List.of(4000, 200), out.sizes);
    }

    @Test
    void smallWritesFillTheWholeCapacityBeforeTheFirstDrain() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, CAPACITY);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < CAPACITY / 512 + 1; i++) { // 17 fill the capacity exactly, the 18th drains them
            byte[] b = bytes(512, i);
            s.write(b, 0, b.length);
            expected.write(b);
        }
        s.flush();
        assertEquals(List.of(CAPACITY, 512), out.sizes);
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
    }

    @Test
    void aCapacityBelowTheFirstBufferIsRespected() throws Exception {
        Writes out = new Writes();
        LazyBufferedOutputStream s = new LazyBufferedOutputStream(out, 100);
        s.write(bytes(60, 1), 0, 60);
        s.write(bytes(60, 2), 0, 60); // 120 > 100: the first 60 leave alone
        s.flush();
        assertEquals(List.of(60, 60), out.sizes);
    }
}
