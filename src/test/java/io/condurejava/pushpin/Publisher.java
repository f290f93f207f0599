package io.condurejava.pushpin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Publishes GRIP items through Pushpin's HTTP publish endpoint ({@code POST /publish/} on
 * {@code push_in_http_port}) and waits for its 200. Called from test threads; thread-safe.
 */
final class Publisher {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI endpoint;

    Publisher(int publishPort) {
        endpoint = URI.create("http://127.0.0.1:" + publishPort + "/publish/");
    }

    /** A message for {@code Grip-Hold: stream} subscribers. */
    void stream(String channel, String content) throws IOException, InterruptedException {
        publish(channel, "\"http-stream\":{\"content\":" + json(content) + "}");
    }

    /** A response for {@code Grip-Hold: response} (long-polling) subscribers. */
    void response(String channel, String body) throws IOException, InterruptedException {
        publish(channel, "\"http-response\":{\"body\":" + json(body) + "}");
    }

    /** A text message for WebSocket subscribers. */
    void webSocket(String channel, String content) throws IOException, InterruptedException {
        publish(channel, "\"ws-message\":{\"content\":" + json(content) + "}");
    }

    /** Posts an empty item list: 200 once the handler's publish endpoint is up. */
    int ping() throws IOException, InterruptedException {
        return post("{\"items\":[]}").statusCode();
    }

    private void publish(String channel, String formats) throws IOException, InterruptedException {
        HttpResponse<String> r = post("{\"items\":[{\"channel\":" + json(channel)
                + ",\"formats\":{" + formats + "}}]}");
        if (r.statusCode() != 200) {
            throw new IOException("publish to " + channel + " failed: " + r.statusCode() + " " + r.body());
        }
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON string literal (quotes, backslashes and control characters escaped). */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
