package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Common header names and values come back as shared strings; anything else as a new string of the same text. */
class CommonFieldsTest {

    @Test
    void commonNamesAndValuesAreShared() {
        assertSame(CommonFields.name(bytes("Host"), 0, 4), CommonFields.name(bytes("xHost"), 1, 5));
        assertSame(CommonFields.name(bytes("Sec-WebSocket-Key"), 0, 17), CommonFields.name(bytes("Sec-WebSocket-Key"), 0, 17));
        assertSame(CommonFields.value(bytes("websocket"), 0, 9), CommonFields.value(bytes("websocket"), 0, 9));
        assertEquals("Upgrade", CommonFields.value(bytes("Upgrade"), 0, 7));
        assertSame(CommonFields.method(bytes("GET"), 0, 3), CommonFields.method(bytes("GET /"), 0, 3));
        assertEquals("BREW", CommonFields.method(bytes("BREW"), 0, 4), "an extension method is a string of its own");
    }

    @Test
    void parsedHeadsAndHandlersHeadersUseTheSharedStrings() throws Exception {
        byte[] wire = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nX-Rare: websocket2\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        RequestHead head = new HttpInput(new java.io.ByteArrayInputStream(wire), 8192).readRequestHead(64);
        assertSame("GET", head.method(), "string literals are the same interned constants the table holds");
        assertSame("Host", head.headers().get(0).name());
        assertSame("Upgrade", head.headers().get(1).name());
        assertSame("websocket", head.headers().get(1).value());
        assertNotSame("X-Rare", head.headers().get(2).name(), "an uncommon name is a string of its own");

        byte[] packet = io.condurejava.zhttp.ZhttpCodec.encode(io.condurejava.zhttp.ZhttpPacket.of("h", "id1", 0, false,
                io.condurejava.zhttp.Data.response(200, "OK", java.util.List.of(new HttpHeader("Content-Type", "text/plain")),
                        new byte[0], false, 0)));
        HttpHeader decoded = ((io.condurejava.zhttp.Data) io.condurejava.zhttp.ZhttpCodec.decode(packet).payload()).headers().get(0);
        assertSame("Content-Type", decoded.name(), "a handler's header name, decoded from ZHTTP");
        assertSame("text/plain", decoded.value());
    }

    @Test
    void onlyAnExactMatchIsShared() {
        String mixedCase = CommonFields.name(bytes("HOST"), 0, 4);
        assertEquals("HOST", mixedCase, "heads are kept verbatim: another case is another string");
        assertNotSame(mixedCase, CommonFields.name(bytes("HOST"), 0, 4));
        assertEquals("Hosts", CommonFields.name(bytes("Hosts"), 0, 5));
        assertEquals("", CommonFields.value(new byte[0], 0, 0));
        String longer = "x".repeat(300);
        assertEquals(longer, CommonFields.value(bytes(longer), 0, 300), "longer than any common one");
    }

    @Test
    void anyBytesDecodeAsLatin1() {
        Random random = new Random(9110);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(30)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                byte[] common = bytes("keep-alive"); // a near miss: one byte changed
                b = common.clone();
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            }
            String expected = new String(b, StandardCharsets.ISO_8859_1);
            assertEquals(expected, CommonFields.name(b, 0, b.length));
            assertEquals(expected, CommonFields.value(b, 0, b.length));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
