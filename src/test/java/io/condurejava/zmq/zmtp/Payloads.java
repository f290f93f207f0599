package io.condurejava.zmq.zmtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test message bodies that carry their sequence number, so a receiver can check order and every byte. */
final class Payloads {

    private Payloads() {
    }

    /** Message {@code sequence}: its number, then bytes derived from it; sizes vary across the short/long limit. */
    static byte[] payload(int sequence) {
        return payloadOfSize(sequence, 4 + (sequence * 97) % 600);
    }

    /** A body of {@code size} (at least 4) bytes: {@code sequence} as a big-endian int, then derived bytes. */
    static byte[] payloadOfSize(int sequence, int size) {
        ByteBuffer body = ByteBuffer.allocate(size);
        body.putInt(sequence);
        for (int i = 4; i < size; i++) {
            body.put((byte) (sequence * 13 + i * 7));
        }
        return body.array();
    }

    /** The sequence number a payload starts with. */
    static int sequenceOf(byte[] payload) {
        return ByteBuffer.wrap(payload).getInt();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
