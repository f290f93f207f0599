package io.condurejava.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The uri a WebSocket request carries to its handler: the listener's scheme as ws or wss, the rest verbatim. */
class WebSocketUriTest {

    @Test
    void httpBecomesWsAndHttpsBecomesWss() {
        assertEquals("ws://example.com:8000/chat?room=http", WebSocketExchange.webSocketUri("http://example.com:8000/chat?room=http"));
        assertEquals("wss://example.com/chat", WebSocketExchange.webSocketUri("https://example.com/chat"));
        assertEquals("ws://localhost/", WebSocketExchange.webSocketUri("http://localhost/"));
    }
}
