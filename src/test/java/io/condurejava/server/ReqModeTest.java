package io.condurejava.server;

import io.condurejava.http1.HttpHeader;
import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.Python;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Req mode: whole requests through the DEALER to a REP handler, side by side with a stream listener. */
class ReqModeTest {

    /** A REP handler on its own thread: answers with the method, uri and the body's SHA-256. */
    static final class RepHandler implements AutoCloseable {
        final AtomicReference<Data> last = new AtomicReference<>();
        private final ZContext context = new ZContext(1);
        private final Thread thread;
        private final EndpointHandle endpoint;

        RepHandler(String endpoint) throws Exception {
            ZMQ.Socket rep = context.createSocket(SocketType.REP);
            io.condurejava.testutil.HandshakeWatch ready = io.condurejava.testutil.HandshakeWatch.on(context, rep);
            this.endpoint = ZmqEndpoints.connect(rep, endpoint);
            ready.await(java.time.Duration.ofSeconds(10)); // the server's DEALER may hand a request to a stalled peer
            rep.setReceiveTimeOut(100);
            thread = Thread.ofPlatform().daemon(true).name("rep-handler").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] raw = rep.recv();
                    if (raw == null) {
                        continue;
                    }
                    try {
                        ZhttpPacket request = ZhttpCodec.decode(raw, 0, raw.length);
                        Data data = (Data) request.payload();
                        last.set(data);
                        String text = data.method() + " " + data.uri() + " sha256="
                                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data.body()));
                        rep.send(ZhttpCodec.encode(new ZhttpPacket("rep", List.of(new IdSeq(request.firstId(), IdSeq.NO_SEQ)),
                                false, Data.response(200, "OK", List.of(new HttpHeader("Content-Type", "text/plain"),
                                        new HttpHeader("Content-Length", "999")), text.getBytes(StandardCharsets.UTF_8), false, 0))));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(2000);
            endpoint.close();
            context.close();
        }
    }

    private static String sha(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    @Test
    void getAndPostThroughTheDealerAlongsideAStreamListener() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cjreq-");
        String reqSpec = "ipc://" + dir.resolve("req");
        try (ServerFixture fixture = ServerFixture.start("--listen=127.0.0.1:0,req", "--listen=127.0.0.1:0,stream",
                "--zclient-req=" + reqSpec);
             RepHandler rep = new RepHandler(reqSpec);
             AutoHandler stream = new AutoHandler(fixture.base())) {
            int reqPort = fixture.server().listenAddresses().get(0).getPort();
            int streamPort = fixture.server().listenAddresses().get(1).getPort();
            try (RawClient client = new RawClient(reqPort)) {
                client.send("GET /r?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
                RawClient.Response get = client.readResponse();
                assertEquals("GET http://example.com/r?q=1 sha256=" + sha(new byte[0]), get.bodyText());
                assertEquals(String.valueOf(get.body().length), get.header("content-length"),
                        "req mode always frames with the body's own length");
                Data seen = rep.last.get();
                assertEquals("127.0.0.1", seen.peerAddress());
                assertFalse(seen.stream());
                assertEquals(0, seen.credits());
                byte[] body = new byte[50_000];
                new Random(1).nextBytes(body);
                client.send(("POST /up HTTP/1.1\r\nHost: example.com\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                client.send(body);
                assertEquals("POST http://example.com/up sha256=" + sha(body), client.readResponse().bodyText());
            }
            try (RawClient client = new RawClient(streamPort)) {
                client.send("GET /s HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("hello http://h/s", client.readResponse().bodyText());
            }
        }
    }

    @Test
    void bodyBeyondBodyBufferSizeGets413AndWebSocketGets400() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cjreq-");
        String reqSpec = "ipc://" + dir.resolve("req");
        try (ServerFixture fixture = ServerFixture.start("--listen=127.0.0.1:0,req", "--zclient-req=" + reqSpec,
                "--body-buffer-size=1000");
             RepHandler rep = new RepHandler(reqSpec)) {
            try (RawClient client = fixture.connect()) {
                client.send("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n");
                assertEquals(413, client.readResponse().status());
                assertTrue(client.isClosedByServer());
            }
            try (RawClient client = fixture.connect()) {
                client.send("POST /big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n" + "x".repeat(1001) + "\r\n0\r\n\r\n");
                assertEquals(413, client.readResponse().status());
            }
            try (RawClient client = fixture.connect()) {
                client.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
                RawClient.Response response = client.readResponse();
                assertEquals(400, response.status());
                assertEquals("WebSockets not supported on req mode interface.\n", response.bodyText());
            }
            assertNull(rep.last.get(), "none of them reached the handler");
        }
    }

    @Test
    void noReplyWithinReqTimeoutGets504() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cjreq-");
        try (ServerFixture fixture = ServerFixture.start("--listen=127.0.0.1:0,req",
                "--zclient-req=ipc://" + dir.resolve("req"), "--req-timeout=1");
             RawClient client = fixture.connect()) {
            client.send("GET /nobody HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(504, client.readResponse().status());
        }
    }

    @Test
    void pythonRepHandlerOverIpc() throws Exception {
        assumeTrue(Python.hasPyzmq(), "python3 with the zmq module (Debian python3-zmq) is not installed");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cjreq-");
        String reqSpec = "ipc://" + dir.resolve("req");
        String script = """
                import sys, zmq
                ctx = zmq.Context(); s = ctx.socket(zmq.REP); s.connect(sys.argv[1])
                req = s.recv()
                rid = req.split(b'2:id,', 1)[1].split(b':', 1)
                n = int(rid[0]); ident = rid[1][:n]
                body = b'hi from rep'
                msg = b'2:id,' + str(len(ident)).encode() + b':' + ident + b',4:code,3:200#6:reason,2:OK,4:body,' + str(len(body)).encode() + b':' + body + b','
                s.send(b'T' + str(len(msg)).encode() + b':' + msg + b'}')
                """;
        try (ServerFixture fixture = ServerFixture.start("--listen=127.0.0.1:0,req", "--zclient-req=" + reqSpec)) {
            Process python = new ProcessBuilder(Python.executable(), "-c", script, reqSpec).redirectErrorStream(true)
                    .redirectOutput(File.createTempFile("rep", ".log")).start();
            try (RawClient client = fixture.connect()) {
                client.send("GET /py HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("hi from rep", client.readResponse().bodyText());
            } finally {
                python.destroyForcibly();
            }
        }
    }
}
