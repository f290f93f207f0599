package io.condurejava.server.ws;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;

import java.time.Duration;


/**
 * One real server and one {@link TestHandler} driven on the test thread, for tests that speak raw
 * WebSocket bytes: {@link #open} does a real upgrade (the handler accepts with a data message
 * {@code code: 101} and credits) and returns a {@link RawWebSocket}. Test thread only.
 */
final class RawWebSocketHarness implements AutoCloseable {
    /** Credits the handler grants on accept: far more than any test sends. */
    static final int HANDLER_CREDITS = 1 << 20;
    static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerFixture fixture;
    private final TestHandler handler;

    private RawWebSocketHarness(ServerFixture fixture, TestHandler handler) {
        this.fixture = fixture;
        this.handler = handler;
    }

    /** Starts a server with these Condure flags and connects the handler. */
    static RawWebSocketHarness start(String... flags) throws Exception {
        ServerFixture fixture = ServerFixture.start(flags);
        try {
            return new RawWebSocketHarness(fixture, fixture.newHandler());
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    TestHandler handler() {
        return handler;
    }

    /** Upgrades a new connection to {@code path} (no extensions offered) and has the handler accept it. */
    RawWebSocket open(String path) throws Exception {
        return RawWebSocket.open(fixture, handler, path, "");
    }

    /** As {@link #open(String)}; {@code beforeAccept} runs once the handler has the request, before it accepts. */
    RawWebSocket open(String path, Runnable beforeAccept) throws Exception {
        return RawWebSocket.upgrade(fixture.connect(), handler, path, "", beforeAccept);
    }

    /** Upgrades a connection that has made requests already (see {@link #connect}). */
    RawWebSocket upgrade(RawClient raw, String path) throws Exception {
        return RawWebSocket.upgrade(raw, handler, path, "", () -> { });
    }

    /** A new raw connection to the server. */
    RawClient connect() throws Exception {
        return fixture.connect();
    }

    /** As {@link #open(String)}, offering {@code permessage-deflate}; asserts the server negotiated it. */
    RawWebSocket openWithDeflate(String path) throws Exception {
        RawWebSocket ws = RawWebSocket.open(fixture, handler, path, "Sec-WebSocket-Extensions: permessage-deflate\r\n");
        String extensions = ws.acceptResponse().header("Sec-WebSocket-Extensions");
        if (extensions == null || !extensions.startsWith("permessage-deflate")) {
            ws.close();
            throw new AssertionError("permessage-deflate not negotiated: " + ws.acceptResponse().rawHead());
        }
        return ws;
    }

    /** Connection threads running now (session and reader threads; a detached WebSocket session has none). */
    int liveConnectionThreads() {
        return fixture.server().liveConnectionThreads();
    }

    /** Every connection thread and session of the server is gone (no leak after a failed connection). */
    void awaitIdle() {
        fixture.awaitNothingLive();
    }

    @Override
    public void close() throws Exception {
        try {
            handler.close();
        } finally {
            fixture.close();
        }
    }
}
