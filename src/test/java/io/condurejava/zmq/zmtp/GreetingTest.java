package io.condurejava.zmq.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ZMTP 3.0 greeting we send, and which peer greetings {@link Greeting#problemWith} accepts. */
class GreetingTest {

    @Test
    void oursIsA64ByteNullMechanismGreetingNotAsServer() {
        byte[] expected = new byte[64];
        expected[0] = (byte) 0xFF;
        expected[8] = 0x01;
        expected[9] = 0x7F;
        expected[10] = 3;
        expected[11] = 0;
        byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mechanism, 0, expected, 12, mechanism.length);
        // bytes 16..31 pad the mechanism with zeros, 32 is as-server = 0, 33..63 filler zeros

        byte[] ours = Greeting.ours();

        assertEquals(Greeting.BYTES, ours.length);
        assertArrayEquals(expected, ours);
    }

    @Test
    void oursIsACopyThatCallersCannotSpoil() {
        Greeting.ours()[12] = 'X';

        assertEquals('N', Greeting.ours()[12]);
    }

    @Test
    void ourOwnGreetingIsAcceptable() {
        assertNull(Greeting.problemWith(Greeting.ours()));
    }

    @Test
    void acceptsVersion31AndAsServerPeers() {
        byte[] libzmq42 = Greeting.ours();
        libzmq42[11] = 1;
        libzmq42[32] = 1;

        assertNull(Greeting.problemWith(libzmq42));
    }

    @Test
    void rejectsABadSignature() {
        byte[] http = Arrays.copyOf("GET / HTTP/1.1\r\nHost: example\r\n".getBytes(StandardCharsets.US_ASCII), 64);
        byte[] noFinalBit = Greeting.ours();
        noFinalBit[9] = 0x7E;

        assertNotNull(Greeting.problemWith(http));
        assertNotNull(Greeting.problemWith(noFinalBit));
    }

    @Test
    void rejectsZmtp2Peers() {
        for (int major : new int[] {1, 2}) {
            byte[] old = Greeting.ours();
            old[10] = (byte) major;

            String problem = Greeting.problemWith(old);

            assertNotNull(problem, "version byte " + major);
        }
    }

    @Test
    void rejectsOtherSecurityMechanisms() {
        byte[] curve = Greeting.ours();
        Arrays.fill(curve, 12, 32, (byte) 0);
        byte[] name = "CURVE".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, curve, 12, name.length);
        byte[] nullWithTrailingJunk = Greeting.ours();
        nullWithTrailingJunk[16] = 'X';

        String problem = Greeting.problemWith(curve);

        assertNotNull(problem);
        assertTrue(problem.contains("CURVE"), problem);
        assertNotNull(Greeting.problemWith(nullWithTrailingJunk));
    }
}
