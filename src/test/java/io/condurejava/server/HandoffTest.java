package io.condurejava.server;

import io.condurejava.http1.HttpHeader;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.HandoffProceed;
import io.condurejava.zhttp.HandoffStart;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpPacket;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handoff (reference §4.5): a handler says handoff-start, the server answers handoff-proceed and waits;
 * a second handler (another identity) continues the session with the next seq, and the client does not notice.
 */
class HandoffTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Sends a packet from {@code handler} with an explicit seq (the state moved between handlers out of band). */
    private static void send(TestHandler handler, String id, long seq, Payload payload) {
        handler.sendPacket(new ZhttpPacket(handler.identity(), List.of(new IdSeq(id, seq)), false, payload));
    }

    @Test
    void httpStreamMovesToAnotherHandlerMidResponse() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler first = fixture.newHandler();
             TestHandler second = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /handoff HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = first.expect(WAIT).id();
            send(first, id, 0, Data.response(200, "OK", List.of(new HttpHeader("Content-Type", "text/plain")),
                    "part one, ".getBytes(), true, 0));
            assertEquals(1, first.expect(Credit.class, WAIT).seq());
            send(first, id, 1, new HandoffStart());
            TestHandler.Received proceed = first.expect(HandoffProceed.class, WAIT);
            assertEquals(2, proceed.seq());
            // the second handler takes over: a keep-alive with the next seq announces its address
            send(second, id, 2, new KeepAlive());
            send(second, id, 3, Data.body("part two".getBytes(), false));
            RawClient.Response response = client.readResponse();
            assertEquals("part one, part two", response.bodyText());
            assertEquals("chunked", response.header("transfer-encoding"));
        }
    }

    @Test
    void webSocketMovesToAnotherHandlerWithoutTheClientNoticing() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler first = fixture.newHandler();
             TestHandler second = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            String id = first.expect(WAIT).id();
            send(first, id, 0, Data.builder().code(101).reason("Switching Protocols").credits(100_000).build());
            assertEquals(101, client.readResponseHeadOnly().status());
            OutputStream out = client.socket().getOutputStream();
            InputStream in = client.socket().getInputStream();
            out.write(maskedText("one"));
            Data one = (Data) first.expect(Data.class, WAIT).payload();
            assertEquals("one", new String(one.body(), StandardCharsets.UTF_8));
            send(first, id, 1, new HandoffStart());
            long next = first.expect(HandoffProceed.class, WAIT).seq() + 1;
            send(second, id, 2, new KeepAlive());
            out.write(maskedText("two"));
            TestHandler.Received two = second.expect(Data.class, WAIT);
            assertEquals("two", new String(((Data) two.payload()).body(), StandardCharsets.UTF_8));
            assertEquals(next, two.seq(), "the server's seq continues across the handoff");
            send(second, id, 3, Data.message("text", "echo two".getBytes(), false));
            assertArrayEquals(unmaskedText("echo two"), in.readNBytes(unmaskedText("echo two").length));
            assertTrue(first.receive(Duration.ofMillis(200)) == null, "the first handler hears nothing after the handoff");
        }
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private static byte[] unmaskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(payload.length);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }
}
