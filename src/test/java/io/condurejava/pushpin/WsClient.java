package io.condurejava.pushpin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client that turns what arrives into strings on a queue: {@code text:<message>},
 * {@code binary:<length>:<sha256>}, {@code close:<code>:<reason>}, {@code error:<exception>}.
 * Callbacks run on the JDK client's threads; {@link #next()} on the test thread.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final WebSocket ws;

    WsClient(int port, String path) throws Exception {
        ws = client.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), this)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    WebSocket socket() {
        return ws;
    }

    /** The next event, waiting up to 15 s; throws if none arrives. */
    String next() throws InterruptedException, IOException {
        String e = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (e == null) {
            throw new IOException("no WebSocket event within " + TIMEOUT);
        }
        return e;
    }

    /** The next event if one is already there. */
    String poll() {
        return events.poll();
    }

    static String binaryEvent(byte[] data) {
        return "binary:" + data.length + ":" + Payload.sha256(data);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add("text:" + text);
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            events.add(binaryEvent(binary.toByteArray()));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add("close:" + statusCode + ":" + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add("error:" + error);
    }

    @Override
    public void close() {
        ws.abort();
        client.close();
    }
}
