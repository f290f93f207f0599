package io.condurejava.ws;

import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.HttpVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opening handshake (RFC 6455 §4.2): detection, one test per violation, the accept key and the 101 headers. */
class HandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static List<HttpHeader> headers(String... nameValues) {
        List<HttpHeader> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.add(new HttpHeader(nameValues[i], nameValues[i + 1]));
        }
        return out;
    }

    private static List<HttpHeader> valid(String... extra) {
        List<HttpHeader> h = headers("Host", "example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", KEY, "Sec-WebSocket-Version", "13");
        h.addAll(headers(extra));
        return h;
    }

    private static Handshake.Result check(List<HttpHeader> h) {
        return Handshake.validate("GET", HttpVersion.HTTP_1_1, h);
    }

    private static Handshake.Result invalid(HandshakeViolation v) {
        return new Handshake.Result.Invalid(v);
    }

    private static List<HttpHeader> replace(String name, String value) {
        List<HttpHeader> h = valid();
        h.replaceAll(x -> x.is(name) ? new HttpHeader(x.name(), value) : x);
        return h;
    }

    private static List<HttpHeader> without(String name) {
        List<HttpHeader> h = valid();
        h.removeIf(x -> x.is(name));
        return h;
    }

    @Test
    void rfcSampleKeyGivesTheRfcAcceptValue() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptKey(KEY));
    }

    @Test
    void acceptKeysComputedAtOnceOnManyThreadsDoNotMix() throws Exception {
        java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String key = java.util.Base64.getEncoder().encodeToString(
                                ("key " + thread + " " + i + "....").getBytes(StandardCharsets.US_ASCII));
                        byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1")
                                .digest((key + Handshake.GUID).getBytes(StandardCharsets.US_ASCII));
                        if (!java.util.Base64.getEncoder().encodeToString(sha1).equals(Handshake.acceptKey(key))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
        }
        for (java.util.concurrent.Future<Boolean> result : results) {
            assertTrue(result.get());
        }
    }

    @Test
    void webSocketRequestsAreRecognisedByTheirUpgradeToken() {
        assertTrue(Handshake.isWebSocketRequest(headers("Upgrade", "websocket")));
        assertTrue(Handshake.isWebSocketRequest(headers("upgrade", "WebSocket")), "case-insensitive, unlike Condure");
        assertTrue(Handshake.isWebSocketRequest(headers("Upgrade", "foo, websocket")));
        assertTrue(Handshake.isWebSocketRequest(headers("Upgrade", "h2c", "Upgrade", " WEBSOCKET ")));
        assertFalse(Handshake.isWebSocketRequest(headers("Upgrade", "h2c")));
        assertFalse(Handshake.isWebSocketRequest(headers("Upgrade", "websocket2")));
        assertFalse(Handshake.isWebSocketRequest(headers("Connection", "websocket")));
        assertFalse(Handshake.isWebSocketRequest(headers()));
    }

    @Test
    void validRequestGivesItsKey() {
        assertEquals(new Handshake.Result.Valid(KEY), check(valid()));
        assertEquals(new Handshake.Result.Valid(KEY), check(replace("Connection", "keep-alive, Upgrade")));
        assertEquals(new Handshake.Result.Valid(KEY), check(valid("Content-Length", "0")));
        assertEquals(new Handshake.Result.Valid(KEY), check(replace("Connection", "UPGRADE")));
    }

    @Test
    void notAnUpgrade() {
        assertEquals(invalid(HandshakeViolation.NOT_WEBSOCKET_UPGRADE), check(without("Upgrade")));
    }

    @Test
    void methodMustBeGet() {
        for (String m : new String[]{"POST", "HEAD", "get", "CONNECT"}) {
            assertEquals(invalid(HandshakeViolation.METHOD_NOT_GET), Handshake.validate(m, HttpVersion.HTTP_1_1, valid()));
        }
    }

    @Test
    void http10IsRefused() {
        assertEquals(invalid(HandshakeViolation.HTTP_VERSION_TOO_OLD), Handshake.validate("GET", HttpVersion.HTTP_1_0, valid()));
    }

    @Test
    void bodyIsRefused() {
        assertEquals(invalid(HandshakeViolation.REQUEST_BODY), check(valid("Content-Length", "5")));
        assertEquals(invalid(HandshakeViolation.REQUEST_BODY), check(valid("Transfer-Encoding", "chunked")));
    }

    @Test
    void connectionMustListUpgrade() {
        assertEquals(invalid(HandshakeViolation.CONNECTION_WITHOUT_UPGRADE), check(without("Connection")));
        assertEquals(invalid(HandshakeViolation.CONNECTION_WITHOUT_UPGRADE), check(replace("Connection", "keep-alive")));
        assertEquals(invalid(HandshakeViolation.CONNECTION_WITHOUT_UPGRADE), check(replace("Connection", "upgraded")));
    }

    @Test
    void keyMustBePresentOnceAndBase64Of16Bytes() {
        assertEquals(invalid(HandshakeViolation.MISSING_KEY), check(without("Sec-WebSocket-Key")));
        assertEquals(invalid(HandshakeViolation.DUPLICATE_KEY), check(valid("Sec-WebSocket-Key", KEY)));
        for (String bad : new String[]{"", "abc", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZQ===",
                "dGhlIHNhbXBsZSBub25jZ!==", "dGhlIHNhbXBsZSBub25jZXh4", "dGhlIHNhbXBsZSBub25jZXh4eA=="}) {
            assertEquals(invalid(HandshakeViolation.INVALID_KEY), check(replace("Sec-WebSocket-Key", bad)), bad);
        }
    }

    @Test
    void versionMustBe13() {
        assertEquals(invalid(HandshakeViolation.MISSING_VERSION), check(without("Sec-WebSocket-Version")));
        assertEquals(invalid(HandshakeViolation.DUPLICATE_VERSION), check(valid("Sec-WebSocket-Version", "13")));
        for (String bad : new String[]{"8", "12", "14", "013", "13, 8", ""}) {
            assertEquals(invalid(HandshakeViolation.UNSUPPORTED_VERSION), check(replace("Sec-WebSocket-Version", bad)), bad);
        }
        assertEquals(426, HandshakeViolation.UNSUPPORTED_VERSION.status());
    }

    @Test
    void acceptHeadersAsCondureWritesThem() {
        List<HttpHeader> handler = headers("Sec-WebSocket-Protocol", "chat", "upgrade", "h2c", "CONNECTION", "close",
                "Sec-WebSocket-Accept", "forged", "sec-websocket-extensions", "forged", "X-Other", "1");
        assertEquals(headers("Sec-WebSocket-Protocol", "chat", "X-Other", "1",
                        "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                Handshake.acceptHeaders(handler, KEY, null));
        assertEquals(headers("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                        "Sec-WebSocket-Extensions", "permessage-deflate; client_no_context_takeover"),
                Handshake.acceptHeaders(List.of(), KEY, new PerMessageDeflate.Negotiated(true, false)));
        assertEquals(headers("Sec-WebSocket-Protocol", "chat", "X-Other", "1"), Handshake.withoutServerOwnedHeaders(handler));
    }
}
