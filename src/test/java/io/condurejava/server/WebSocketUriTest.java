package io.condurejava.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The uri a WebSocket request carries to its handler: the listener's scheme as ws or wss, the rest verbatim
 * (the whole uri over a real socket: {@code WebSocketJdkClientTest}).
 */
class WebSocketUriTest {

    @Test
    void httpBecomesWsAndHttpsBecomesWss() {
        assertEquals("ws", WebSocketExchange.webSocketScheme("http"));
        assertEquals("wss", WebSocketExchange.webSocketScheme("https"));
    }
}
