package io.condurejava.testutil;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A WebSocket echo handler on its own thread for tests: accepts every ws request (a path containing
 * {@code /reject} gets a 403 rejection, {@code /close-first} is closed by the handler after accept),
 * echoes data messages piece by piece with their content type, answers pings with pongs and a client
 * close with a close of the same code and reason. It respects the server's credits, returns credits
 * for what it received, and records what it saw.
 */
public final class WebSocketEchoHandler implements AutoCloseable {
    public static final int CREDIT_WINDOW = 1 << 20;

    private final TestHandler handler;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<String, Session> sessions = new HashMap<>();
    public final ConcurrentLinkedQueue<TestHandler.Received> all = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<String> cancelled = new ConcurrentLinkedQueue<>();

    private static final class Session {
        long credits;
        final ArrayDeque<Payload> waiting = new ArrayDeque<>();
    }

    public WebSocketEchoHandler(String base) {
        handler = new TestHandler(base);
        thread = Thread.ofPlatform().name("ws-echo-handler").daemon(true).start(this::run);
    }

    private void run() {
        while (running) {
            TestHandler.Received r = handler.receive(Duration.ofMillis(100));
            if (r != null) {
                all.add(r);
                handle(r);
            }
        }
    }

    private void handle(TestHandler.Received r) {
        String id = r.id();
        if (r.initial() && r.payload() instanceof Data request) {
            if (request.uri().contains("/reject")) {
                handler.send(id, ErrorPacket.rejected(403, "Forbidden", List.of(new HttpHeader("Content-Type", "text/plain")),
                        "go away\n".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            Session s = new Session();
            s.credits = request.credits();
            sessions.put(id, s);
            handler.send(id, Data.builder().code(101).reason("Switching Protocols")
                    .headers(List.of(new HttpHeader("Sec-WebSocket-Protocol", "echo"))).credits(CREDIT_WINDOW).build());
            if (request.uri().contains("/close-first")) {
                handler.send(id, new Close(4000, "handler says bye".getBytes(StandardCharsets.UTF_8)));
            }
            return;
        }
        Session s = sessions.get(id);
        if (s == null) {
            return;
        }
        switch (r.payload()) {
            case Data data -> {
                if (data.body().length > 0) {
                    handler.send(id, new Credit(data.body().length)); // we consumed it: the client may send more
                }
                queue(id, s, Data.message(data.contentType(), data.body(), data.more()));
            }
            case Ping ping -> queue(id, s, new Pong(ping.body(), ping.body().length));
            case Close close -> {
                handler.send(id, new Close(close.code(), close.reason()));
                sessions.remove(id);
            }
            case Credit credit -> {
                s.credits += credit.credits();
                drain(id, s);
            }
            case Cancel cancel -> {
                cancelled.add(id);
                sessions.remove(id);
            }
            default -> { }
        }
    }

    private void queue(String id, Session s, Payload payload) {
        s.waiting.add(payload);
        drain(id, s);
    }

    private void drain(String id, Session s) {
        while (!s.waiting.isEmpty()) {
            Payload next = s.waiting.peek();
            int size = switch (next) {
                case Data d -> d.body().length;
                case Pong p -> p.body().length;
                default -> 0;
            };
            if (size > s.credits) {
                return;
            }
            s.credits -= size;
            s.waiting.poll();
            handler.send(id, next);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        handler.close();
    }
}
