package io.condurejava.server;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.KeepAlive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session rules against a scripted handler: timeouts, keep-alive batching, seq, credits, cancel timing. */
class SessionRulesTest {

    @Test
    void silentHandlerClosesTheConnectionAfterTheSessionTimeout() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--session-timeout=2");
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /silent HTTP/1.1\r\nHost: h\r\n\r\n");
            handler.expect(Duration.ofSeconds(5)); // the request arrives; the handler never answers
            long start = System.nanoTime();
            assertTrue(client.isClosedByServer(), "closed without a response");
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds >= 1 && seconds <= 5, "closed after about 2 s, took " + seconds);
            assertEquals(null, handler.receive(Duration.ofMillis(300)), "no cancel after a session timeout");
        }
    }

    @Test
    void keepAlivesAreBatchedPerHandlerWithMulti() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--keep-alive-interval=1", "--session-timeout=30");
             TestHandler handler = fixture.newHandler();
             RawClient a = fixture.connect(); RawClient b = fixture.connect()) {
            a.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
            b.send("POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
            String idA = handler.expect(Duration.ofSeconds(5)).id();
            String idB = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(idA, new KeepAlive()); // the server now knows our address for both
            handler.send(idB, new KeepAlive());
            TestHandler.Received batch = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                TestHandler.Received r = handler.expect(KeepAlive.class, Duration.ofSeconds(5));
                if (r.packet().ids().size() == 2) {
                    batch = r;
                    break;
                }
            }
            assertTrue(batch != null, "a keep-alive naming both sessions");
            assertTrue(batch.packet().multi());
            assertEquals(List.of(idA, idB).stream().sorted().toList(),
                    batch.packet().ids().stream().map(i -> i.id()).sorted().toList());
            assertTrue(batch.packet().ids().stream().allMatch(i -> i.seq() >= 1), "keep-alives consume seq numbers");
        }
    }

    @Test
    void clientGoneBeforeTheHandlerSpokeIsCancelledOnItsFirstMessage() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("GET /early-leave HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            client.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 1);
            handler.send(id, new KeepAlive()); // now the server knows where to send the cancel
            TestHandler.Received cancel = handler.expect(Duration.ofSeconds(5));
            assertTrue(cancel.payload() instanceof io.condurejava.zhttp.Cancel, "got " + cancel.payload());
            assertEquals(id, cancel.id());
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 0
                    && fixture.server().liveConnections() == 0);
        }
    }

    @Test
    void garbageFromHandlerIsDroppedAndServiceGoesOn() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /g HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.sendRaw("T12:not a dict,".getBytes());
            handler.sendRaw("X garbage".getBytes());
            handler.sendRaw("T99999:4:from".getBytes());
            handler.sendRaw(new byte[0]);
            handler.send(id, Data.response(200, "OK", List.of(), "fine".getBytes(), false, 0));
            assertEquals("fine", client.readResponse().bodyText());
        }
    }

    @Test
    void oneMultiIdPacketAnswersTwoSessions() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient a = fixture.connect(); RawClient b = fixture.connect()) {
            a.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
            b.send("GET /b HTTP/1.1\r\nHost: h\r\n\r\n");
            String idA = handler.expect(Duration.ofSeconds(5)).id();
            String idB = handler.expect(Duration.ofSeconds(5)).id();
            handler.sendPacket(new io.condurejava.zhttp.ZhttpPacket(handler.identity(),
                    List.of(new io.condurejava.zhttp.IdSeq(idA, 0), new io.condurejava.zhttp.IdSeq(idB, 0)), true,
                    Data.response(200, "OK", List.of(), "shared".getBytes(), false, 0)));
            assertEquals("shared", a.readResponse().bodyText());
            assertEquals("shared", b.readResponse().bodyText());
        }
    }

    @Test
    void creditsLeftFromOneRequestAreNotSpentOnTheNext() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            for (int i = 0; i < 3; i++) {
                client.send("POST /p" + i + " HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nbody" + i);
                TestHandler.Received request = handler.expect(Duration.ofSeconds(5));
                assertTrue(request.initial(), "the request comes first, its body only after our credits");
                String id = request.id();
                handler.send(id, new Credit(10_000)); // far more than the 5 bytes the body needs
                Data body = (Data) handler.expect(Data.class, Duration.ofSeconds(5)).payload();
                assertEquals("body" + i, new String(body.body()));
                handler.send(id, Data.response(200, "OK", List.of(), ("ok" + i).getBytes(), false, 0));
                assertEquals("ok" + i, client.readResponse().bodyText());
            }
        }
    }

    @Test
    void wrongSeqFromHandlerClosesWithoutCancel() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("POST /s HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.sendPacket(new io.condurejava.zhttp.ZhttpPacket(handler.identity(),
                    List.of(new io.condurejava.zhttp.IdSeq(id, 5)), false, new Credit(100)));
            assertTrue(client.isClosedByServer());
            assertEquals(null, handler.receive(Duration.ofMillis(300)));
        }
    }

    @Test
    void responseBeyondCreditsIsCancelled() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--buffer-size=1024");
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /big HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, Data.response(200, "OK", List.of(), new byte[512], true, 0));
            handler.send(id, Data.body(new byte[4096], true)); // 512 + 4096 > 1024 credits
            handler.expect(io.condurejava.zhttp.Cancel.class, Duration.ofSeconds(5));
            client.readToEnd();
        }
    }
}
