package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.http1.BadResponseException;
import io.condurejava.http1.ChunkedInputStream;
import io.condurejava.http1.FixedLengthInputStream;
import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.HttpInput;
import io.condurejava.http1.HttpViolationException;
import io.condurejava.http1.RequestFraming;
import io.condurejava.http1.RequestHead;
import io.condurejava.http1.ResponseHeadWriter;
import io.condurejava.ws.Handshake;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.HandlerMessage;
import io.condurejava.zmq.Outbox;
import io.condurejava.zmq.SessionDirectory;
import io.condurejava.zmq.SessionHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection on a req-mode listener (reference §7), on its own virtual thread: each request
 * is read whole (body up to --body-buffer-size, else 413), sent as one message through the DEALER,
 * and answered from the one reply within --req-timeout (else 504), always with Content-Length.
 * WebSocket upgrades get Condure's 400. Persistent connections carry one request after another.
 */
final class ReqConnection implements LiveConnection {
    private static final Logger log = LoggerFactory.getLogger("server-conn");
    static final int MAX_REQUEST_HEADERS = 64;
    private static final String WEBSOCKET_REFUSAL = "WebSockets not supported on req mode interface.";

    private final ClientSocket socket;
    private final String connectionId;
    private final Settings settings;
    private final SessionDirectory directory;
    private final Outbox outbox;
    private final AtomicInteger liveThreads;
    private final Runnable onClose;
    private final BlockingQueue<HandlerMessage> replies = new ArrayBlockingQueue<>(16);
    private volatile WatchedOutputStream watched;
    private volatile long readDeadline;
    private volatile boolean stopping;
    private volatile boolean idle;
    private long requestCounter;

    ReqConnection(ClientSocket socket, String connectionId, Settings settings, SessionDirectory directory,
                  Outbox outbox, AtomicInteger liveThreads, Runnable onClose) {
        this.socket = socket;
        this.connectionId = connectionId;
        this.settings = settings;
        this.directory = directory;
        this.outbox = outbox;
        this.liveThreads = liveThreads;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        liveThreads.incrementAndGet();
        try {
            socket.handshake();
            watched = new WatchedOutputStream(socket.output());
            OutputStream out = new BufferedOutputStream(watched, settings.bufferSize() + 512);
            HttpInput input = new HttpInput(socket.input(), settings.bufferSize());
            while (!stopping && serveOne(input, out)) {
                // next request on the persistent connection
            }
        } catch (HttpViolationException e) {
            log.info("conn {}: request rejected with {}: {} ({})", connectionId, e.violation().status(),
                    e.violation().name(), e.violation().rfcSection());
            writeQuietly(e.violation().status(), e.violation().description());
        } catch (IOException e) {
            log.debug("conn {}: i/o error: {}", connectionId, e.getMessage());
        } catch (InterruptedException e) {
            log.debug("conn {}: interrupted", connectionId);
        } catch (RuntimeException e) {
            log.error("conn {}: unexpected failure", connectionId, e);
        } finally {
            closeQuietly();
            liveThreads.decrementAndGet();
            onClose.run();
        }
    }

    /** One request/response; false when the connection must close. */
    private boolean serveOne(HttpInput input, OutputStream out) throws IOException, InterruptedException {
        idle = true;
        readDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds());
        RequestHead head = input.readRequestHead(MAX_REQUEST_HEADERS);
        idle = false;
        if (head == null) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.reqTimeoutSeconds());
        readDeadline = deadline;
        if (Handshake.isWebSocketRequest(head.headers())) {
            refuse(out, 400, WEBSOCKET_REFUSAL);
            return false;
        }
        byte[] body = readBody(input, RequestFraming.of(head));
        readDeadline = 0;
        if (body == null) {
            log.info("conn {}: request body larger than body-buffer-size {}", connectionId, settings.bodyBufferSize());
            refuse(out, 413, "The request body is larger than " + settings.bodyBufferSize() + " bytes.");
            return false;
        }
        String id = connectionId + "-" + Long.toHexString(requestCounter++);
        SessionHandle handle = directory.open(id, replies::offer);
        try {
            byte[] packet = ZhttpCodec.encode(new ZhttpPacket(null, List.of(new IdSeq(id, IdSeq.NO_SEQ)), true,
                    Data.builder().method(head.method()).uri(socket.scheme() + "://" + host(head) + head.target())
                            .headers(head.headers()).body(body).peerAddress(socket.peerAddress())
                            .peerPort(socket.peerPort()).build()));
            if (!outbox.sendRequest(packet, deadline - System.nanoTime())) {
                return timedOut(out, id);
            }
            Data reply = awaitReply(id, deadline);
            if (reply == null) {
                return timedOut(out, id);
            }
            return respond(out, head, reply, id);
        } finally {
            directory.close(handle);
        }
    }

    private Data awaitReply(String id, long deadline) throws InterruptedException {
        while (true) {
            HandlerMessage message = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                return null;
            }
            if (message.id().equals(id) && message.packet().payload() instanceof Data data) {
                return data;
            }
            log.debug("conn {}: req reply of type {} skipped", id, message.packet().payload().typeName());
        }
    }

    private boolean respond(OutputStream out, RequestHead head, Data reply, String id) throws IOException {
        List<HttpHeader> headers = reply.headers().stream().filter(h -> !h.is("Content-Length")).toList();
        ResponseWriter writer = new ResponseWriter(out);
        try {
            writer.start(head, ResponseHeadWriter.isPersistent(head), reply.code(), reply.reason(), headers,
                    reply.body(), true);
        } catch (BadResponseException e) {
            log.warn("conn {}: unusable response from handler: {}", id, e.getMessage());
            refuse(out, 502, "The handler's response could not be used.");
            return false;
        }
        return writer.finish();
    }

    private boolean timedOut(OutputStream out, String id) throws IOException {
        log.info("conn {}: no reply within req-timeout {} s", id, settings.reqTimeoutSeconds());
        refuse(out, 504, "The handler did not answer in time.");
        return false;
    }

    /** Writes one of our own responses and half-closes, so the client reads it before the close. */
    private void refuse(OutputStream out, int status, String text) throws IOException {
        ErrorResponses.write(out, status, text);
        socket.shutdownOutput();
    }

    /** The whole body, or null when it exceeds --body-buffer-size. */
    private byte[] readBody(HttpInput input, RequestFraming framing) throws IOException {
        int limit = settings.bodyBufferSize();
        if (framing instanceof RequestFraming.FixedLength fixed && fixed.length() > limit) {
            return null; // refused before reading a byte of it
        }
        InputStream body = switch (framing) {
            case RequestFraming.NoBody none -> null;
            case RequestFraming.FixedLength fixed -> fixed.length() == 0 ? null : new FixedLengthInputStream(input, fixed.length());
            case RequestFraming.Chunked chunked -> new ChunkedInputStream(input, ClientReader.MAX_TRAILER_BYTES);
        };
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        byte[] chunk = new byte[Math.min(limit + 1, settings.bufferSize())];
        int n;
        while ((n = body.read(chunk)) >= 0) {
            collected.write(chunk, 0, n);
            if (collected.size() > limit) {
                return null;
            }
        }
        return collected.toByteArray();
    }

    private static String host(RequestHead head) {
        String host = head.firstValue("Host");
        return host == null || host.isEmpty() ? "localhost" : host;
    }

    private void writeQuietly(int status, String text) {
        try {
            OutputStream out = socket.output();
            ErrorResponses.write(out, status, text);
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public long stalledWriteNanos(long now) {
        WatchedOutputStream out = watched;
        return out == null ? 0 : out.stalledNanos(now);
    }

    @Override
    public long readDeadlineNanos() {
        return readDeadline;
    }

    @Override
    public void stopWhenIdle() {
        stopping = true;
        if (idle) {
            closeQuietly();
        }
    }

    @Override
    public void stopNow() {
        closeQuietly();
    }

    @Override
    public void closeQuietly() {
        socket.close();
    }
}
