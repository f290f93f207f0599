package io.condurejava.zmq.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Commands}: READY bodies and their properties, command names, PONG for PING, socket compatibility. */
class CommandsTest {

    @Test
    void readyCarriesTheSocketTypeAndParsesBack() throws Exception {
        byte[] body = Commands.ready("PUSH");

        assertEquals("READY", Commands.name(body));
        Map<String, byte[]> properties = Commands.readyProperties(body);
        assertEquals(Set.of("Socket-Type"), properties.keySet());
        assertEquals("PUSH", ascii(properties.get("Socket-Type")));
    }

    @Test
    void readyBodyIsLaidOutAsRfc23Says() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(5);
        expected.writeBytes(ascii("READY"));
        expected.write(11);
        expected.writeBytes(ascii("Socket-Type"));
        expected.writeBytes(new byte[] {0, 0, 0, 6});
        expected.writeBytes(ascii("ROUTER"));

        assertArrayEquals(expected.toByteArray(), Commands.ready("ROUTER"));
    }

    @Test
    void readyPropertiesOfAPeerWithAnIdentity() throws Exception {
        byte[] body = readyBody("Socket-Type", ascii("DEALER"), "Identity", ascii("handler-1"),
                "X-Empty", new byte[0]);

        Map<String, byte[]> properties = Commands.readyProperties(body);

        assertEquals(List.of("Socket-Type", "Identity", "X-Empty"), List.copyOf(properties.keySet()));
        assertEquals("DEALER", ascii(properties.get(Commands.SOCKET_TYPE)));
        assertEquals("handler-1", ascii(properties.get(Commands.IDENTITY)));
        assertEquals(0, properties.get("X-Empty").length);
    }

    @Test
    void readyPropertiesCutShortAreRejected() {
        byte[] whole = readyBody("Socket-Type", ascii("PULL"));
        byte[] noValue = Arrays.copyOf(whole, whole.length - 2);
        byte[] noLength = Arrays.copyOf(whole, 6 + 1 + 11 + 2);

        assertThrows(Commands.BadCommand.class, () -> Commands.readyProperties(noValue));
        assertThrows(Commands.BadCommand.class, () -> Commands.readyProperties(noLength));
    }

    @Test
    void nameReadsTheLengthPrefixedName() throws Exception {
        assertEquals("PING", Commands.name(new byte[] {4, 'P', 'I', 'N', 'G', 0, 10}));
        assertEquals("ERROR", Commands.name(new byte[] {5, 'E', 'R', 'R', 'O', 'R', 1, 'x'}));
        assertEquals("", Commands.name(new byte[] {0}));
    }

    @Test
    void nameLongerThanTheBodyIsRejected() {
        assertThrows(Commands.BadCommand.class, () -> Commands.name(new byte[0]));
        assertThrows(Commands.BadCommand.class, () -> Commands.name(new byte[] {5, 'R', 'E'}));
    }

    @Test
    void pongEchoesThePingContext() throws Exception {
        byte[] ping = {4, 'P', 'I', 'N', 'G', 0x01, 0x2C, 'a', 'b', 'c'};

        byte[] pong = Commands.pongFor(ping);

        assertArrayEquals(new byte[] {4, 'P', 'O', 'N', 'G', 'a', 'b', 'c'}, pong);
        assertEquals("PONG", Commands.name(pong));
    }

    @Test
    void pongForAPingWithoutContextIsBare() {
        byte[] bare = {4, 'P', 'O', 'N', 'G'};

        assertArrayEquals(bare, Commands.pongFor(new byte[] {4, 'P', 'I', 'N', 'G', 0, 0}));
        assertArrayEquals(bare, Commands.pongFor(new byte[] {4, 'P', 'I', 'N', 'G'}));
    }

    @Test
    void pongContextIsAtMostSixteenBytes() {
        byte[] ping = new byte[7 + 20];
        System.arraycopy(new byte[] {4, 'P', 'I', 'N', 'G', 0, 0}, 0, ping, 0, 7);
        for (int i = 0; i < 20; i++) {
            ping[7 + i] = (byte) ('A' + i);
        }

        byte[] pong = Commands.pongFor(ping);

        assertEquals(5 + 16, pong.length);
        assertEquals("ABCDEFGHIJKLMNOP", new String(pong, 5, 16, StandardCharsets.US_ASCII));
    }

    @Test
    void compatibilityTable() {
        List<String> all = List.of("PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH",
                "XPUB", "XSUB", "STREAM");
        Map<String, Set<String>> allowed = Map.of(
                "PUSH", Set.of("PULL"),
                "ROUTER", Set.of("DEALER", "REQ", "ROUTER"),
                "SUB", Set.of("PUB", "XPUB"));

        for (Map.Entry<String, Set<String>> ours : allowed.entrySet()) {
            for (String peer : all) {
                assertEquals(ours.getValue().contains(peer), Commands.compatible(ours.getKey(), peer),
                        ours.getKey() + " with " + peer);
            }
        }
        assertFalse(Commands.compatible("PUSH", "pull"), "socket types are case sensitive");
        assertFalse(Commands.compatible("PULL", "PUSH"), "we only ever are PUSH, ROUTER or SUB");
        assertTrue(Commands.compatible("SUB", "XPUB"));
    }

    private static byte[] readyBody(Object... namesAndValues) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes(ascii("READY"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            byte[] name = ascii((String) namesAndValues[i]);
            byte[] value = (byte[]) namesAndValues[i + 1];
            body.write(name.length);
            body.writeBytes(name);
            body.writeBytes(new byte[] {0, 0, (byte) (value.length >>> 8), (byte) value.length});
            body.writeBytes(value);
        }
        return body.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
