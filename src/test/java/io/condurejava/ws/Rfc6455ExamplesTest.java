package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static io.condurejava.ws.RawFrames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The frame examples of RFC 6455 §5.7 (and Condure's captured frames), written and read byte-exact. */
class Rfc6455ExamplesTest {
    private static final int RFC_MASK = 0x37fa213d;

    private static byte[] write(Role role, boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameWriter(out, role, () -> RFC_MASK).write(fin, 0, opcode, payload, 0, payload.length);
        return out.toByteArray();
    }

    private static Frame read(Role role, byte[] wire) throws IOException {
        return new FrameReader(new ByteArrayInputStream(wire), role).read(1 << 20);
    }

    @Test
    void unmaskedHello() throws IOException {
        byte[] wire = hex("81 05 48 65 6c 6c 6f");
        assertArrayEquals(wire, write(Role.SERVER, true, Opcode.TEXT, bytes("Hello")));
        assertEquals(new Frame(true, 0, Opcode.TEXT, bytes("Hello")), read(Role.CLIENT, wire));
    }

    @Test
    void maskedHello() throws IOException {
        byte[] wire = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertArrayEquals(wire, write(Role.CLIENT, true, Opcode.TEXT, bytes("Hello")));
        assertEquals(new Frame(true, 0, Opcode.TEXT, bytes("Hello")), read(Role.SERVER, wire));
    }

    @Test
    void fragmentedHelloIsOneMessage() throws IOException {
        byte[] first = hex("01 03 48 65 6c");
        byte[] second = hex("80 02 6c 6f");
        assertArrayEquals(first, write(Role.SERVER, false, Opcode.TEXT, bytes("Hel")));
        assertArrayEquals(second, write(Role.SERVER, true, Opcode.CONTINUATION, bytes("lo")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(out, Role.SERVER, null);
        w.writeData(true, bytes("Hel"), 0, 3, false);
        w.writeData(true, bytes("lo"), 0, 2, true);
        byte[] both = new RawFrames().raw("01 03 48 65 6c 80 02 6c 6f").bytes();
        assertArrayEquals(both, out.toByteArray());

        MessageReader r = new MessageReader(new ByteArrayInputStream(both), Role.CLIENT, Long.MAX_VALUE, null);
        assertEquals(List.of(new Incoming.DataPart(true, bytes("Hel"), false), new Incoming.DataPart(true, bytes("lo"), true)),
                RawFrames.readAll(r, 100));
    }

    @Test
    void unmaskedPingAndMaskedPong() throws IOException {
        byte[] ping = hex("89 05 48 65 6c 6c 6f");
        byte[] pong = hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertArrayEquals(ping, write(Role.SERVER, true, Opcode.PING, bytes("Hello")));
        assertArrayEquals(pong, write(Role.CLIENT, true, Opcode.PONG, bytes("Hello")));
        MessageReader server = new MessageReader(new ByteArrayInputStream(pong), Role.SERVER, Long.MAX_VALUE, null);
        assertEquals(new Incoming.Pong(bytes("Hello")), server.next(10));
        MessageReader client = new MessageReader(new ByteArrayInputStream(ping), Role.CLIENT, Long.MAX_VALUE, null);
        assertEquals(new Incoming.Ping(bytes("Hello")), client.next(10));
    }

    @Test
    void binary256BytesUses16BitLength() throws IOException {
        byte[] payload = new byte[256];
        Arrays.fill(payload, (byte) 0x5a);
        byte[] wire = write(Role.SERVER, true, Opcode.BINARY, payload);
        assertArrayEquals(hex("82 7e 01 00"), Arrays.copyOf(wire, 4));
        assertEquals(4 + 256, wire.length);
        assertEquals(new Frame(true, 0, Opcode.BINARY, payload), read(Role.CLIENT, wire));
    }

    @Test
    void binary64KiBUses64BitLength() throws IOException {
        byte[] payload = new byte[65536];
        Arrays.fill(payload, (byte) 0xa5);
        byte[] wire = write(Role.SERVER, true, Opcode.BINARY, payload);
        assertArrayEquals(hex("82 7f 00 00 00 00 00 01 00 00"), Arrays.copyOf(wire, 10));
        assertEquals(10 + 65536, wire.length);
        assertEquals(new Frame(true, 0, Opcode.BINARY, payload), read(Role.CLIENT, wire));
    }

    @Test
    void condureCapturedFrames() throws IOException {
        // zhttp-reference §11.3: client "hello", ping "p1", close 1000 "bye"; server echo and close
        byte[] in = hex("81 85 37 fa 21 3d 5f 9f 4d 51 58 89 82 01 02 03 04 71 33 88 85 0a 0b 0c 0d 09 e3 6e 74 6f");
        MessageReader r = new MessageReader(new ByteArrayInputStream(in), Role.SERVER, Long.MAX_VALUE, null);
        assertEquals(List.of(new Incoming.DataPart(true, bytes("hello"), true), new Incoming.Ping(bytes("p1")),
                new Incoming.Close(1000, bytes("bye"))), RawFrames.readAll(r, 8192));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(out, Role.SERVER, null);
        w.writeMessage(true, bytes("hello"));
        w.writePong(bytes("p1"));
        w.writeClose(1000, null);
        assertArrayEquals(hex("81 05 68 65 6c 6c 6f 8a 02 70 31 88 02 03 e8"), out.toByteArray());
    }
}
