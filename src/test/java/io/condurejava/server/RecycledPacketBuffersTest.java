package io.condurejava.server;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Packets to handlers are encoded into recycled buffers ({@code zhttp.PacketBuffers}), given back once the
 * ZeroMQ thread's socket has copied them. With many connections sending at once, over native ZMTP and over
 * JeroMQ's sockets, every request reaches a real JeroMQ handler intact: each GET's uri (initial packets on
 * PUSH) and each body's bytes (pieces on ROUTER) come back as sent. A buffer given back too early would be
 * encoded into while still queued, and some answer would name another connection's uri or digest.
 */
class RecycledPacketBuffersTest {
    private static final int CLIENTS = 24;
    private static final int ROUNDS = 8;

    @ParameterizedTest(name = "native ZMTP: {0}")
    @ValueSource(booleans = {true, false})
    void concurrentRequestsArriveIntact(boolean nativeZmtp) throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--native-zmtp=" + nativeZmtp);
             AutoHandler handler = new AutoHandler(fixture.base());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        try (RawClient raw = fixture.connect()) {
                            String path = "/client-" + client + "/round-" + round;
                            raw.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n");
                            assertEquals("hello http://h" + path, raw.readResponse().bodyText());
                            byte[] body = body(client, round);
                            raw.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n");
                            raw.socket().getOutputStream().write(body);
                            assertEquals("length=" + body.length + " sha256=" + sha256(body),
                                    raw.readResponse().bodyText().trim());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] body(int client, int round) {
        byte[] b = new byte[10_000 + client * 997 + round * 131];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + client * 7 + round);
        }
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
