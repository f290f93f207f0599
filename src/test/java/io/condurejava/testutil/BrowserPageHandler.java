package io.condurejava.testutil;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A handler for browser tests, on its own thread: plain HTTP {@code GET /page} gets {@link #PAGE_START}
 * (a script that opens {@code ws://<host>/ws}, sends "hello browser", puts the echo into the title
 * and body, then closes the WebSocket) as a streamed response that is only finished with
 * {@link #PAGE_END} once that WebSocket's close arrived (or after {@link #PAGE_DEADLINE}), so the
 * browser's load event — when a headless browser dumps the DOM — comes after the echo. WebSocket
 * requests are accepted and their messages echoed (within the server's credits), pings answered,
 * closes returned; anything else gets 404. Records what it saw.
 */
public final class BrowserPageHandler implements AutoCloseable {
    /** The page until its script: the echo ends up in {@code <title>} as {@code echo:<data>} and in {@code <p id="result">}. */
    public static final String PAGE_START = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>waiting</title></head>
            <body><p id="result">waiting</p>
            <script>
            const ws = new WebSocket("ws://" + location.host + "/ws");
            const show = text => { document.title = text; document.getElementById("result").textContent = text; };
            ws.onopen = () => ws.send("hello browser");
            ws.onmessage = e => { show("echo:" + e.data); ws.close(1000, "done"); };
            ws.onerror = () => show("error");
            ws.onclose = e => { if (!document.title.startsWith("echo:")) show("closed:" + e.code); };
            </script>
            """;
    /** Sent when the WebSocket closed: the document ends and the browser fires load. */
    public static final String PAGE_END = "</body></html>\n";
    /** The page is finished after this even if no WebSocket closed (the test then fails on the DOM, not a hang). */
    public static final Duration PAGE_DEADLINE = Duration.ofSeconds(15);
    private static final int CREDIT_WINDOW = 1 << 16;

    private final TestHandler handler;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<String, long[]> wsCredits = new HashMap<>();
    /** Open page responses: id → deadline (nanoTime). */
    private final Map<String, Long> openPages = new HashMap<>();
    public final ConcurrentLinkedQueue<TestHandler.Received> all = new ConcurrentLinkedQueue<>();

    public BrowserPageHandler(String base) {
        handler = new TestHandler(base);
        thread = Thread.ofPlatform().name("browser-page-handler").daemon(true).start(this::run);
    }

    private void run() {
        while (running) {
            TestHandler.Received r = handler.receive(Duration.ofMillis(100));
            if (r != null) {
                all.add(r);
                handle(r);
            }
            long now = System.nanoTime();
            List.copyOf(openPages.entrySet()).stream().filter(e -> now - e.getValue() > 0)
                    .forEach(e -> finishPage(e.getKey()));
        }
    }

    private void handle(TestHandler.Received r) {
        String id = r.id();
        if (r.initial() && r.payload() instanceof Data request) {
            boolean ws = request.uri().startsWith("ws:");
            if (ws && request.uri().endsWith("/ws")) {
                wsCredits.put(id, new long[] {request.credits()});
                handler.send(id, Data.builder().code(101).reason("Switching Protocols").credits(CREDIT_WINDOW).build());
            } else if (!ws && request.uri().endsWith("/page")) {
                handler.send(id, Data.response(200, "OK", List.of(new HttpHeader("Content-Type", "text/html; charset=utf-8"),
                        new HttpHeader("Cache-Control", "no-store")), PAGE_START.getBytes(StandardCharsets.UTF_8), true, 0));
                openPages.put(id, System.nanoTime() + PAGE_DEADLINE.toNanos());
            } else {
                handler.send(id, Data.response(404, "Not Found", List.of(new HttpHeader("Content-Type", "text/plain")),
                        "not found\n".getBytes(StandardCharsets.UTF_8), false, 0));
            }
            return;
        }
        long[] credits = wsCredits.get(id);
        if (credits == null) {
            return;
        }
        switch (r.payload()) {
            case Data data -> {
                if (data.body().length > 0) {
                    handler.send(id, new Credit(data.body().length));
                }
                if (data.body().length <= credits[0]) { // a browser's short messages always fit
                    credits[0] -= data.body().length;
                    handler.send(id, Data.message(data.contentType(), data.body(), data.more()));
                }
            }
            case Ping ping -> handler.send(id, new Pong(ping.body(), ping.body().length));
            case Credit credit -> credits[0] += credit.credits();
            case Close close -> {
                handler.send(id, new Close(close.code(), close.reason()));
                wsCredits.remove(id);
                List.copyOf(openPages.keySet()).forEach(this::finishPage);
            }
            case Cancel cancel -> wsCredits.remove(id);
            default -> { }
        }
    }

    private void finishPage(String id) {
        openPages.remove(id);
        handler.send(id, Data.body(PAGE_END.getBytes(StandardCharsets.UTF_8), false));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        handler.close();
    }
}
