import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.StreamEndpoints;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Benchmark ZHTTP handler (stream mode), the same for condure-java and Debian's condure; each worker is one
 * platform thread owning its own PULL -out, ROUTER -out-stream and XPUB -in sockets.
 * <ul>
 * <li>GET (no body): {@code 200 hello world}.</li>
 * <li>A request with a body: credits granted in windows of {@code --window} bytes, every byte hashed,
 *     answered with {@code <length> <sha256 hex>} so the client can verify.</li>
 * <li>WebSocket ({@code ws://} uri): accepted with {@code --window} credits, every message piece echoed
 *     (same content-type and {@code more}) within the credits the server grants; close echoed.</li>
 * </ul>
 * Usage: {@code java -cp condure-java.jar bench/handlers/BenchHandler.java ipc:///tmp/x/client|tcp://127.0.0.1:N [--threads 2]
 * [--window 1048576]}. Prints {@code ready} once every worker's publisher has the server's subscription.
 */
public class BenchHandler {
    static final byte[] TOPIC = "condure ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);
    static final List<HttpHeader> TEXT = List.of(new HttpHeader("Content-Type", "text/plain"));

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int threads = 2;
        int window = 1 << 20;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var ready = new java.util.concurrent.CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(base, "bench-" + ProcessHandle.current().pid() + "-" + i, window, ready);
            Thread t = new Thread(w, "worker-" + i);
            t.start();
            workers.add(t);
        }
        ready.await();
        System.out.println("ready");
        System.out.flush();
        for (Thread t : workers) {
            t.join();
        }
    }

    /** One handler worker: its sockets and sessions; runs on its own platform thread. */
    static final class Worker implements Runnable {
        private final String base;
        private final String identity;
        private final int window;
        private final java.util.concurrent.CountDownLatch ready;
        private final Map<String, Session> sessions = new HashMap<>();
        private ZMQ.Socket pub;

        Worker(String base, String identity, int window, java.util.concurrent.CountDownLatch ready) {
            this.base = base;
            this.identity = identity;
            this.window = window;
            this.ready = ready;
        }

        /** Upload or WebSocket state of one session id. */
        static final class Session {
            final String id;
            long seq;
            boolean ws;
            MessageDigest sha;
            long received;
            long granted;
            long outCredits;
            long unGranted;
            final ArrayDeque<Data> pending = new ArrayDeque<>();

            Session(String id) {
                this.id = id;
            }
        }

        @Override
        public void run() {
            try (ZContext ctx = new ZContext(1)) {
                ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
                ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
                router.setIdentity(identity.getBytes(StandardCharsets.UTF_8));
                pull.setRcvHWM(100_000);
                router.setRcvHWM(100_000);
                pub = ctx.createSocket(SocketType.XPUB);
                pub.setSndHWM(100_000);
                StreamEndpoints ends = StreamEndpoints.expand(base);
                ZmqEndpoints.connect(pull, ends.out());
                ZmqEndpoints.connect(router, ends.outStream());
                ZmqEndpoints.connect(pub, ends.in());
                if (pub.recv() == null) {
                    throw new IllegalStateException("no subscription");
                }
                ready.countDown();
                ZMQ.Poller poller = ctx.createPoller(2);
                poller.register(pull, ZMQ.Poller.POLLIN);
                poller.register(router, ZMQ.Poller.POLLIN);
                while (!Thread.currentThread().isInterrupted()) {
                    poller.poll(1000);
                    for (byte[] raw; (raw = pull.recv(ZMQ.DONTWAIT)) != null; ) {
                        handle(raw);
                    }
                    for (byte[] frame; (frame = router.recv(ZMQ.DONTWAIT)) != null; ) {
                        while (router.hasReceiveMore()) {
                            frame = router.recv();
                        }
                        handle(frame);
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }

        private void handle(byte[] raw) throws Exception {
            ZhttpPacket p = ZhttpCodec.decode(raw, 0, raw.length);
            Payload payload = p.payload();
            switch (payload) {
                case Data d when d.method() != null -> start(p.firstId(), d);
                case Data d -> {
                    Session s = sessions.get(p.firstId());
                    if (s != null) {
                        if (s.ws) {
                            message(s, d);
                        } else {
                            body(s, d);
                        }
                    }
                }
                case Credit c -> {
                    Session s = sessions.get(p.firstId());
                    if (s != null) {
                        s.outCredits += c.credits();
                        pump(s);
                    }
                }
                case Close c -> {
                    Session s = sessions.remove(p.firstId());
                    if (s != null) {
                        send(s, new Close(c.code(), c.reason()));
                    }
                }
                case Cancel c -> {
                    for (IdSeq id : p.ids()) {
                        sessions.remove(id.id());
                    }
                }
                case io.condurejava.zhttp.ErrorPacket e -> {
                    for (IdSeq id : p.ids()) {
                        sessions.remove(id.id());
                    }
                }
                default -> { } // keep-alive, ping, pong
            }
        }

        private void start(String id, Data request) throws Exception {
            Session s = new Session(id);
            if (request.uri() != null && (request.uri().startsWith("ws:") || request.uri().startsWith("wss:"))) {
                s.ws = true;
                s.outCredits = request.credits();
                sessions.put(id, s);
                send(s, Data.builder().code(101).reason("Switching Protocols").credits(window).build());
                return;
            }
            if (request.more() || request.body().length > 0) {
                s.sha = MessageDigest.getInstance("SHA-256");
                sessions.put(id, s);
                s.granted = window;
                send(s, new Credit(window));
                body(s, request);
                return;
            }
            send(s, Data.response(200, "OK", TEXT, HELLO, false, 0));
        }

        private void body(Session s, Data d) {
            byte[] b = d.body();
            s.sha.update(b);
            s.received += b.length;
            if (!d.more()) {
                sessions.remove(s.id);
                String answer = s.received + " " + HexFormat.of().formatHex(s.sha.digest()) + "\n";
                send(s, Data.response(200, "OK", TEXT, answer.getBytes(StandardCharsets.US_ASCII), false, 0));
                return;
            }
            long outstanding = s.granted - s.received;
            if (outstanding < window / 2) {
                int more = (int) (window - outstanding);
                s.granted += more;
                send(s, new Credit(more));
            }
        }

        private void message(Session s, Data d) {
            s.pending.add(Data.message(d.isBinary() ? Data.CONTENT_TYPE_BINARY : Data.CONTENT_TYPE_TEXT, d.body(), d.more()));
            s.unGranted += d.body().length;
            pump(s);
            if (s.unGranted >= window / 4) {
                send(s, new Credit((int) s.unGranted));
                s.unGranted = 0;
            }
        }

        private void pump(Session s) {
            while (!s.pending.isEmpty() && s.pending.peek().body().length <= s.outCredits) {
                Data m = s.pending.poll();
                s.outCredits -= m.body().length;
                send(s, m);
            }
        }

        private void send(Session s, Payload payload) {
            byte[] encoded = ZhttpCodec.encode(new ZhttpPacket(identity, List.of(new IdSeq(s.id, s.seq++)), false, payload));
            byte[] frame = new byte[TOPIC.length + encoded.length];
            System.arraycopy(TOPIC, 0, frame, 0, TOPIC.length);
            System.arraycopy(encoded, 0, frame, TOPIC.length, encoded.length);
            pub.send(frame);
        }
    }
}
