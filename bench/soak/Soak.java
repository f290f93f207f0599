import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soak benchmark for condure-java (not a test; never run by CI). Runs a fast ZHTTP handler on its
 * own platform thread and, on virtual threads, a mix of loopback clients against a running server
 * for a fixed duration, sampling the server's RSS, threads and fds from /proc; prints a table and
 * appends a markdown section to the results file. Start it through bench/soak/run.sh, or:
 *
 * <pre>java -cp target/condure-java.jar bench/soak/Soak.java --port P --zmq ipc://DIR/client --server-pid PID [--duration 10m]</pre>
 *
 * Options: --duration (10m; e.g. 30s, 2m), --sample (10s), --scale (1.0, multiplies client counts),
 * --slowloris-interval (3s), --abort-pause (100ms between two aborts of one loop), --upload-window
 * (65536: credits the handler keeps open per upload), --abort-close (mixed; rst or fin), --only (e.g. keepalive-get,upload-cl: run only these workloads),
 * --results (bench/RESULTS.md; "-" for none), --label, --command,
 * --server-log FILE, --server-opts TEXT. Traffic goes to 127.0.0.1 only.
 */
public class Soak {
    static final String HOST = "127.0.0.1";
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 30_000;
    static final int MIN_UPLOAD_BYTES = 64 * 1024;
    static final int MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
    static final int BIG_RESPONSE_BYTES = 1024 * 1024;
    static final int SLOW_RESPONSE_BYTES = 256 * 1024;
    static final int SLOW_READ_BYTES = 4096;
    static final long SLOW_READ_PAUSE_MS = 100;
    static final Duration SETTLE = Duration.ofSeconds(10);
    static final Duration WORKER_GRACE = Duration.ofSeconds(READ_TIMEOUT_MS / 1000 + 15);

    /** Client workloads and how many concurrent loops of each run at scale 1. */
    enum Kind {
        KEEPALIVE_GET(32), UPLOAD_CL(4), UPLOAD_CHUNKED(4), ABORT_MID_REQUEST(4), ABORT_MID_UPLOAD(4),
        ABORT_MID_RESPONSE(4), SLOWLORIS(200), SLOW_READER(16);

        final int loops;

        Kind(int loops) {
            this.loops = loops;
        }
    }

    /** Counters shared by all client threads. */
    static final class Stats {
        final Map<String, LongAdder> ok = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final LongAdder connections = new LongAdder();
        final LongAdder getNanos = new LongAdder();
        final LongAdder getCount = new LongAdder();
        final AtomicLong getMaxNanos = new AtomicLong();
        final AtomicInteger slowlorisOpen = new AtomicInteger();
        final LongAdder slowlorisClosedByServer = new LongAdder();

        void ok(Kind k) {
            ok.computeIfAbsent(k.name(), x -> new LongAdder()).increment();
        }

        void error(Kind k, Throwable e) {
            errors.computeIfAbsent(k.name() + "/" + errorKind(e), x -> new LongAdder()).increment();
        }

        static long sum(Map<String, LongAdder> m) {
            return m.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    /** A response that was not what the handler sends. */
    static final class BadResponse extends IOException {
        final String kind;

        BadResponse(String kind, String detail) {
            super(kind + ": " + detail);
            this.kind = kind;
        }
    }

    static String errorKind(Throwable e) {
        if (e instanceof BadResponse b) {
            return b.kind;
        }
        if (e instanceof ConnectException) {
            return "connect-refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof EOFException) {
            return "eof";
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof SocketException) {
            return m.contains("reset") ? "reset" : m.contains("broken pipe") ? "broken-pipe" : "socket";
        }
        return e.getClass().getSimpleName();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parseArgs(args);
        int port = Integer.parseInt(require(opt, "port"));
        String zmq = require(opt, "zmq");
        long pid = Long.parseLong(opt.getOrDefault("server-pid", "-1"));
        Duration duration = parseDuration(opt.getOrDefault("duration", "10m"));
        Duration sample = parseDuration(opt.getOrDefault("sample", "10s"));
        double scale = Double.parseDouble(opt.getOrDefault("scale", "1"));
        Duration slowlorisInterval = parseDuration(opt.getOrDefault("slowloris-interval", "3s"));

        Stats stats = new Stats();
        SoakHandler handler = new SoakHandler(zmq, Integer.parseInt(opt.getOrDefault("upload-window", "65536")));
        Thread handlerThread = Thread.ofPlatform().name("soak-handler").daemon(true).start(handler);
        handler.awaitReady(Duration.ofSeconds(20));
        Sampler sampler = new Sampler(pid, stats, handler);
        System.out.println(Sampler.HEADER);
        sampler.sample("start", 0);

        long deadline = System.nanoTime() + duration.toNanos();
        Clients clients = new Clients(port, stats, deadline, slowlorisInterval,
                parseDuration(opt.getOrDefault("abort-pause", "100ms")), opt.getOrDefault("abort-close", "mixed"));
        List<Thread> workers = new ArrayList<>();
        Map<Kind, Integer> mix = new TreeMap<>();
        String only = opt.getOrDefault("only", "").toUpperCase(Locale.ROOT).replace('-', '_');
        for (Kind k : Kind.values()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(k.name())) {
                continue;
            }
            int n = Math.max(1, (int) Math.round(k.loops * scale));
            mix.put(k, n);
            for (int i = 0; i < n; i++) {
                workers.add(Thread.ofVirtual().name("client-" + k + "-" + i).start(() -> clients.loop(k)));
            }
        }
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long next = Math.min(deadline, System.nanoTime() + sample.toNanos());
            Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
            sampler.sample("", (System.nanoTime() - start) / 1_000_000_000.0);
        }
        long graceEnd = System.nanoTime() + WORKER_GRACE.toNanos();
        int stuck = 0;
        for (Thread t : workers) {
            if (!t.join(Duration.ofNanos(Math.max(1, graceEnd - System.nanoTime())))) {
                stuck++;
            }
        }
        sampler.sample("clients done", (System.nanoTime() - start) / 1_000_000_000.0);
        String finalCheck = finalCheck(port);
        Thread.sleep(SETTLE.toMillis());
        sampler.sample("settled", (System.nanoTime() - start) / 1_000_000_000.0);
        handler.stop();
        handlerThread.join(5_000);

        Report report = new Report(opt, duration, scale, mix, stats, handler, sampler, stuck, finalCheck, pid);
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        String results = opt.getOrDefault("results", "bench/RESULTS.md");
        if (!results.equals("-")) {
            Path p = Path.of(results);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            String prefix = Files.exists(p) ? "\n" : "# Benchmark results\n\n";
            Files.writeString(p, prefix + markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("appended to " + p);
        }
        System.exit(report.healthy() ? 0 : 1);
    }

    /** One keep-alive GET after the run: is the server still serving? */
    static String finalCheck(int port) {
        try (Socket s = Clients.connect(port)) {
            s.getOutputStream().write("GET /final HTTP/1.1\r\nHost: soak\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Http.Response r = Http.readResponse(new BufferedInputStream(s.getInputStream()), Integer.MAX_VALUE);
            return r.status() == 200 ? "ok" : "status " + r.status();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                m.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                m.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
        return m;
    }

    static String require(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    /** 90, 90s, 10m, 1h, 500ms. */
    static Duration parseDuration(String s) {
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        char unit = s.charAt(s.length() - 1);
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        long n = Long.parseLong(digits);
        return switch (unit) {
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }
}

/** The client workloads; each loop runs on its own virtual thread until the deadline. */
final class Clients {
    private final int port;
    private final Soak.Stats stats;
    private final long deadline;
    private final Duration slowlorisInterval;
    private final Duration abortPause;
    private final String abortClose;

    Clients(int port, Soak.Stats stats, long deadline, Duration slowlorisInterval, Duration abortPause, String abortClose) {
        this.port = port;
        this.stats = stats;
        this.deadline = deadline;
        this.slowlorisInterval = slowlorisInterval;
        this.abortPause = abortPause;
        this.abortClose = abortClose;
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoTimeout(Soak.READ_TIMEOUT_MS);
            s.connect(new InetSocketAddress(Soak.HOST, port), Soak.CONNECT_TIMEOUT_MS);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    void loop(Soak.Kind kind) {
        while (System.nanoTime() < deadline) {
            try (Socket s = connect(port)) {
                stats.connections.increment();
                switch (kind) {
                    case KEEPALIVE_GET -> keepAliveGets(s);
                    case UPLOAD_CL -> upload(s, false);
                    case UPLOAD_CHUNKED -> upload(s, true);
                    case ABORT_MID_REQUEST -> abortMidRequest(s);
                    case ABORT_MID_UPLOAD -> abortMidUpload(s);
                    case ABORT_MID_RESPONSE -> abortMidResponse(s);
                    case SLOWLORIS -> slowloris(s);
                    case SLOW_READER -> slowReader(s);
                }
            } catch (IOException | RuntimeException e) {
                stats.error(kind, e);
                pause(50); // do not spin on a refused connect
            }
            if (kind.name().startsWith("ABORT_")) {
                pause(abortPause.toMillis()); // a steady trickle of aborts, not a flood
            }
        }
    }

    private void keepAliveGets(Socket s) throws IOException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        OutputStream out = s.getOutputStream();
        InputStream in = new BufferedInputStream(s.getInputStream());
        int n = 20 + r.nextInt(81);
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            String path = "/k/" + r.nextInt(1_000_000);
            long t0 = System.nanoTime();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: soak\r\nUser-Agent: soak\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Http.Response resp = Http.readResponse(in, 4096);
            long took = System.nanoTime() - t0;
            Http.expect(resp, 200, "ok http://soak" + path + "\n");
            stats.getNanos.add(took);
            stats.getCount.increment();
            stats.getMaxNanos.accumulateAndGet(took, Math::max);
            stats.ok(Soak.Kind.KEEPALIVE_GET);
        }
    }

    private void upload(Socket s, boolean chunked) throws IOException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int size = Soak.MIN_UPLOAD_BYTES + r.nextInt(Soak.MAX_UPLOAD_BYTES - Soak.MIN_UPLOAD_BYTES + 1);
        OutputStream out = s.getOutputStream();
        String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size;
        out.write(("POST /up HTTP/1.1\r\nHost: soak\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] piece = new byte[64 * 1024];
        r.nextBytes(piece);
        for (int sent = 0; sent < size; ) {
            int n = Math.min(size - sent, chunked ? 1 + r.nextInt(piece.length) : piece.length);
            if (chunked) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(piece, 0, n);
            if (chunked) {
                out.write(Http.CRLF);
            }
            sent += n;
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        Http.expect(Http.readResponse(new BufferedInputStream(s.getInputStream()), 4096), 200, "length=" + size + "\n");
        stats.ok(chunked ? Soak.Kind.UPLOAD_CHUNKED : Soak.Kind.UPLOAD_CL);
    }

    private void abortMidRequest(Socket s) throws IOException {
        String head = "GET /abort HTTP/1.1\r\nHost: soak\r\nX-Filler: abcdefghijklmnopqrstuvwxyz\r\n\r\n";
        int cut = 1 + ThreadLocalRandom.current().nextInt(head.length() - 2);
        s.getOutputStream().write(head.substring(0, cut).getBytes(StandardCharsets.US_ASCII));
        abort(s);
        stats.ok(Soak.Kind.ABORT_MID_REQUEST);
    }

    private void abortMidUpload(Socket s) throws IOException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        OutputStream out = s.getOutputStream();
        out.write("POST /up HTTP/1.1\r\nHost: soak\r\nContent-Length: 1048576\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] part = new byte[r.nextInt(512 * 1024)];
        r.nextBytes(part);
        out.write(part);
        abort(s);
        stats.ok(Soak.Kind.ABORT_MID_UPLOAD);
    }

    private void abortMidResponse(Socket s) throws IOException {
        s.getOutputStream().write(("GET /big?bytes=" + Soak.BIG_RESPONSE_BYTES + " HTTP/1.1\r\nHost: soak\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        byte[] buf = new byte[16 * 1024];
        int want = ThreadLocalRandom.current().nextInt(1, 64 * 1024);
        for (int got = 0; got < want; ) {
            int n = in.read(buf, 0, Math.min(buf.length, want - got));
            if (n < 0) {
                throw new EOFException("server closed before " + want + " response bytes");
            }
            got += n;
        }
        abort(s);
        stats.ok(Soak.Kind.ABORT_MID_RESPONSE);
    }

    /** Sends a never-ending request head one byte per interval; notes when the server closes first. */
    private void slowloris(Socket s) throws IOException {
        byte[] head = ("GET /slow HTTP/1.1\r\nHost: soak\r\nX-Slow: " + "s".repeat(8192)).getBytes(StandardCharsets.US_ASCII);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        stats.slowlorisOpen.incrementAndGet();
        try {
            for (int i = 0; i < head.length && System.nanoTime() < deadline; i++) {
                out.write(head[i]);
                s.setSoTimeout(1);
                try {
                    in.read();
                    stats.slowlorisClosedByServer.increment(); // an answer or EOF: the server gave up on us
                    return;
                } catch (SocketTimeoutException stillOpen) {
                    // expected
                } finally {
                    s.setSoTimeout(Soak.READ_TIMEOUT_MS);
                }
                pause(Math.min(slowlorisInterval.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
            stats.ok(Soak.Kind.SLOWLORIS);
        } catch (SocketException e) {
            stats.slowlorisClosedByServer.increment();
        } finally {
            stats.slowlorisOpen.decrementAndGet();
        }
    }

    private void slowReader(Socket s) throws IOException {
        s.setReceiveBufferSize(Soak.SLOW_READ_BYTES);
        s.getOutputStream().write(("GET /big?bytes=" + Soak.SLOW_RESPONSE_BYTES + " HTTP/1.1\r\nHost: soak\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream slow = new InputStream() {
            private final InputStream in = s.getInputStream();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                pause(Soak.SLOW_READ_PAUSE_MS);
                return in.read(b, off, Math.min(len, Soak.SLOW_READ_BYTES));
            }
        };
        Http.Response resp = Http.readResponse(new BufferedInputStream(slow, Soak.SLOW_READ_BYTES), Integer.MAX_VALUE);
        if (resp.status() != 200 || resp.body().length != Soak.SLOW_RESPONSE_BYTES) {
            throw new Soak.BadResponse("bad-big-body", resp.status() + " with " + resp.body().length + " bytes");
        }
        stats.ok(Soak.Kind.SLOW_READER);
    }

    /** Closes with RST or FIN (--abort-close rst, fin or mixed: half and half). */
    private void abort(Socket s) throws IOException {
        if (abortClose.equals("rst") || abortClose.equals("mixed") && ThreadLocalRandom.current().nextBoolean()) {
            s.setSoLinger(true, 0);
        }
        s.close();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

/** A minimal HTTP/1.1 response reader for the clients; any thread. */
final class Http {
    static final byte[] CRLF = {'\r', '\n'};
    private static final long UNTIL_CLOSE = Long.MAX_VALUE;

    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    static void expect(Response r, int status, String body) throws Soak.BadResponse {
        if (r.status() != status) {
            throw new Soak.BadResponse("status-" + r.status(), new String(r.body(), StandardCharsets.ISO_8859_1));
        }
        String got = new String(r.body(), StandardCharsets.ISO_8859_1);
        if (!got.equals(body)) {
            throw new Soak.BadResponse("body-mismatch", "expected " + body.strip() + " got " + got.strip());
        }
    }

    static Response readResponse(InputStream in, int maxBody) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new EOFException("connection closed before the response");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new Soak.BadResponse("bad-status-line", status);
        }
        int code = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            copy(in, body, Long.parseLong(headers.get("content-length")), maxBody);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new EOFException("EOF in chunked response");
                }
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (n == 0) {
                    while (!String.valueOf(line(in)).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                copy(in, body, n, maxBody);
                line(in);
            }
        } else if (code >= 200 && code != 204 && code != 304) {
            copy(in, body, UNTIL_CLOSE, maxBody);
        }
        return new Response(code, headers, body.toByteArray());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long n, int maxBody) throws IOException {
        boolean untilClose = n == UNTIL_CLOSE;
        byte[] buf = new byte[16 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                if (untilClose) {
                    return;
                }
                throw new EOFException("EOF with " + n + " body bytes missing");
            }
            if (out.size() + r > maxBody) {
                throw new Soak.BadResponse("body-too-long", out.size() + r + " bytes");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    /** A CRLF-terminated line without its CRLF, or null at EOF before any byte. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (sb.isEmpty()) {
                    return null;
                }
                throw new EOFException("EOF in a response line");
            }
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
    }
}

/**
 * A fast ZHTTP handler on real JeroMQ sockets over ipc (PULL -out, ROUTER -out-stream, XPUB -in),
 * run by one platform thread: GET answers {@code ok <uri>}; {@code GET /big?bytes=N} streams N
 * bytes within the server's credits; a request body is read within the credits it grants and
 * answered with {@code length=N}. Counts what it sees; other threads read only the counters.
 */
final class SoakHandler implements Runnable {
    private static final int PIECE_BYTES = 16 * 1024;
    private static final long STALE_SESSION_NANOS = Duration.ofMinutes(2).toNanos();
    private static final List<HttpHeader> TEXT = List.of(new HttpHeader("Content-Type", "text/plain"));

    private final String base;
    private final int uploadWindowBytes;
    private final String identity = "soak-handler-" + ProcessHandle.current().pid();
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Exception failure;
    private final Map<String, Session> sessions = new HashMap<>();
    final AtomicInteger openSessions = new AtomicInteger();
    final LongAdder requests = new LongAdder();
    final LongAdder cancels = new LongAdder();
    final LongAdder keepAlives = new LongAdder();
    final LongAdder staleDropped = new LongAdder();
    final LongAdder undecodable = new LongAdder();
    private ZMQ.Socket pub;

    /** Per-request state for streamed responses and uploads. */
    private static final class Session {
        final String id;
        String uri;
        long seq;
        long credits;
        long remaining;
        long received;
        long granted;
        long lastActive = System.nanoTime();

        Session(String id) {
            this.id = id;
        }
    }

    SoakHandler(String base, int uploadWindowBytes) {
        this.base = base;
        this.uploadWindowBytes = uploadWindowBytes;
    }

    /** Waits until the server's SUB subscription reached our publisher (no reply can be lost after). */
    void awaitReady(Duration timeout) throws Exception {
        if (!ready.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || failure != null) {
            throw new IllegalStateException("handler not connected within " + timeout, failure);
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
            router.setIdentity(identity.getBytes(StandardCharsets.UTF_8));
            pub = ctx.createSocket(SocketType.XPUB);
            ZmqEndpoints.connect(pull, base + "-out");
            ZmqEndpoints.connect(router, base + "-out-stream");
            ZmqEndpoints.connect(pub, base + "-in");
            pub.setReceiveTimeOut(15_000);
            if (pub.recv() == null) {
                throw new IllegalStateException("server did not subscribe");
            }
            ready.countDown();
            ZMQ.Poller poller = ctx.createPoller(2);
            poller.register(pull, ZMQ.Poller.POLLIN);
            poller.register(router, ZMQ.Poller.POLLIN);
            long nextSweep = System.nanoTime();
            while (running) {
                poller.poll(100);
                for (byte[] raw; (raw = pull.recv(ZMQ.DONTWAIT)) != null; ) {
                    handle(raw);
                }
                for (byte[] frame; (frame = router.recv(ZMQ.DONTWAIT)) != null; ) {
                    while (router.hasReceiveMore()) {
                        frame = router.recv();
                    }
                    handle(frame);
                }
                if (System.nanoTime() - nextSweep > 0) {
                    sweep();
                    nextSweep = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
            }
        } catch (Exception e) {
            failure = e;
            ready.countDown();
            e.printStackTrace();
        }
    }

    private void handle(byte[] raw) {
        ZhttpPacket p;
        try {
            p = ZhttpCodec.decode(raw, 0, raw.length);
        } catch (Exception e) {
            undecodable.increment();
            return;
        }
        Payload payload = p.payload();
        switch (payload) {
            case Data d when d.method() != null -> start(p.firstId(), d);
            case Data d -> {
                Session s = sessions.get(p.firstId());
                if (s != null) {
                    body(s, d);
                }
            }
            case Credit c -> {
                Session s = sessions.get(p.firstId());
                if (s != null) {
                    s.credits += c.credits();
                    pump(s);
                }
            }
            case Cancel c -> {
                cancels.increment();
                for (IdSeq id : p.ids()) {
                    end(id.id());
                }
            }
            case io.condurejava.zhttp.KeepAlive k -> keepAlives.increment();
            default -> {
                for (IdSeq id : p.ids()) {
                    end(id.id());
                }
            }
        }
    }

    private void start(String id, Data request) {
        requests.increment();
        Session s = new Session(id);
        s.uri = request.uri();
        if (request.more()) {
            open(s);
            s.granted = uploadWindowBytes;
            send(s, new Credit(uploadWindowBytes));
            return;
        }
        String uri = request.uri();
        int big = uri.indexOf("/big?bytes=");
        if (big >= 0) {
            open(s);
            s.remaining = Long.parseLong(uri.substring(big + "/big?bytes=".length()));
            s.credits = request.credits();
            int first = (int) Math.min(Math.min(s.credits, s.remaining), PIECE_BYTES);
            s.credits -= first;
            s.remaining -= first;
            send(s, Data.response(200, "OK", TEXT, filled(first), s.remaining > 0, 0));
            pump(s);
            return;
        }
        send(s, Data.response(200, "OK", TEXT, ("ok " + uri + "\n").getBytes(StandardCharsets.UTF_8), false, 0));
    }

    private void body(Session s, Data d) {
        s.lastActive = System.nanoTime();
        s.received += d.body().length;
        if (!d.more()) {
            send(s, Data.response(200, "OK", TEXT, ("length=" + s.received + "\n").getBytes(StandardCharsets.UTF_8), false, 0));
            end(s.id);
            return;
        }
        long outstanding = s.granted - s.received;
        if (outstanding < uploadWindowBytes / 2) {
            int more = (int) (uploadWindowBytes - outstanding);
            s.granted += more;
            send(s, new Credit(more));
        }
    }

    /** Sends response pieces while credits last; ends the session with the last one. */
    private void pump(Session s) {
        s.lastActive = System.nanoTime();
        while (s.remaining > 0 && s.credits > 0) {
            int n = (int) Math.min(Math.min(s.credits, s.remaining), PIECE_BYTES);
            s.credits -= n;
            s.remaining -= n;
            send(s, Data.body(filled(n), s.remaining > 0));
        }
        if (s.remaining == 0) {
            end(s.id);
        }
    }

    /** What the sessions still open look like; call only after the handler thread has ended. */
    String openSessionSummary() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Session s : sessions.values()) {
            String kind = s.granted > 0 ? "upload (" + (s.received == 0 ? "no body yet" : "body started") + ")"
                    : "streamed " + s.uri + " (" + (s.credits == 0 ? "waiting for credit" : "has credit") + ")";
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds.isEmpty() ? "none" : kinds.toString();
    }

    private void open(Session s) {
        sessions.put(s.id, s);
        openSessions.set(sessions.size());
    }

    private void end(String id) {
        sessions.remove(id);
        openSessions.set(sessions.size());
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastActive > STALE_SESSION_NANOS) {
                it.remove();
                staleDropped.increment();
            }
        }
        openSessions.set(sessions.size());
    }

    private void send(Session s, Payload payload) {
        ZhttpPacket p = new ZhttpPacket(identity, List.of(new IdSeq(s.id, s.seq++)), false, payload);
        byte[] encoded = ZhttpCodec.encode(p);
        byte[] frame = new byte[8 + encoded.length];
        System.arraycopy("condure ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 8);
        System.arraycopy(encoded, 0, frame, 8, encoded.length);
        pub.send(frame);
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 'b');
        return b;
    }
}

/** Samples the server process (/proc) and the client counters; called from the main thread. */
final class Sampler {
    static final String HEADER = String.format("%-13s %7s %10s %8s %7s %8s %7s %6s %8s %6s %8s %8s",
            "note", "t(s)", "ok", "ok/s", "errors", "rss(MB)", "threads", "fds", "h-sess", "slow", "get-ms", "get-max");

    record Row(String note, double t, long ok, double okRate, long errors, long rssKb, int threads, int fds,
               int handlerSessions, int slowloris, double getMeanMs, double getMaxMs) {
        String line() {
            return String.format(Locale.ROOT, "%-13s %7.1f %10d %8.1f %7d %8.1f %7d %6d %8d %6d %8.2f %8.1f",
                    note, t, ok, okRate, errors, rssKb / 1024.0, threads, fds, handlerSessions, slowloris, getMeanMs, getMaxMs);
        }
    }

    private final long pid;
    private final Soak.Stats stats;
    private final SoakHandler handler;
    final List<Row> rows = new ArrayList<>();
    private long lastOk;
    private double lastT;
    private long lastGetNanos;
    private long lastGetCount;

    Sampler(long pid, Soak.Stats stats, SoakHandler handler) {
        this.pid = pid;
        this.stats = stats;
        this.handler = handler;
    }

    void sample(String note, double t) {
        long ok = Soak.Stats.sum(stats.ok);
        long getNanos = stats.getNanos.sum();
        long getCount = stats.getCount.sum();
        long dCount = getCount - lastGetCount;
        double mean = dCount == 0 ? 0 : (getNanos - lastGetNanos) / 1e6 / dCount;
        double max = stats.getMaxNanos.getAndSet(0) / 1e6;
        double rate = t > lastT ? (ok - lastOk) / (t - lastT) : 0;
        Row row = new Row(note, t, ok, rate, Soak.Stats.sum(stats.errors), status("VmRSS:"), (int) status("Threads:"),
                fds(), handler.openSessions.get(), stats.slowlorisOpen.get(), mean, max);
        lastOk = ok;
        lastT = t;
        lastGetNanos = getNanos;
        lastGetCount = getCount;
        rows.add(row);
        System.out.println(row.line());
    }

    boolean serverAlive() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A numeric field of /proc/PID/status (kB for memory), or -1. */
    private long status(String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.substring(field.length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private int fds() {
        if (pid <= 0) {
            return -1;
        }
        try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) files.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

/** Turns a finished run into a markdown section; main thread. */
final class Report {
    private static final int MAX_TABLE_ROWS = 40;
    private static final int TOP_LOG_MESSAGES = 6;

    private final Map<String, String> opt;
    private final Duration duration;
    private final double scale;
    private final Map<Soak.Kind, Integer> mix;
    private final Soak.Stats stats;
    private final SoakHandler handler;
    private final Sampler sampler;
    private final int stuck;
    private final String finalCheck;
    private final long pid;

    Report(Map<String, String> opt, Duration duration, double scale, Map<Soak.Kind, Integer> mix, Soak.Stats stats,
           SoakHandler handler, Sampler sampler, int stuck, String finalCheck, long pid) {
        this.opt = opt;
        this.duration = duration;
        this.scale = scale;
        this.mix = mix;
        this.stats = stats;
        this.handler = handler;
        this.sampler = sampler;
        this.stuck = stuck;
        this.finalCheck = finalCheck;
        this.pid = pid;
    }

    boolean healthy() {
        return sampler.serverAlive() && finalCheck.equals("ok") && Soak.Stats.sum(stats.errors) == 0 && stuck == 0;
    }

    String markdown() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(opt.getOrDefault("label", "Soak " + duration)).append(" — ").append(Soak.now()).append("\n\n");
        md.append("Command: `").append(opt.getOrDefault("command", "Soak.java")).append("`  \n");
        md.append("Duration ").append(duration.toSeconds()).append(" s, scale ").append(scale)
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, client/handler Java ")
                .append(Runtime.version()).append(", server JVM options `").append(opt.getOrDefault("server-opts", "?"))
                .append("`, handler upload window ").append(opt.getOrDefault("upload-window", "65536"))
                .append(" bytes, pause between aborts ").append(opt.getOrDefault("abort-pause", "100ms"))
                .append("  \nClient loops: ");
        mix.forEach((k, n) -> md.append(k.name().toLowerCase(Locale.ROOT)).append(' ').append(n).append(", "));
        md.setLength(md.length() - 2);
        md.append("; ").append(stats.connections.sum()).append(" client connections in all.\n\n");
        md.append("| note | t (s) | requests ok | ok/s | errors | server RSS MB | threads | fds | handler sessions | slowloris open | GET mean ms | GET max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Sampler.Row> rows = sampler.rows;
        int step = Math.max(1, (rows.size() + MAX_TABLE_ROWS - 1) / MAX_TABLE_ROWS);
        for (int i = 0; i < rows.size(); i++) {
            Sampler.Row r = rows.get(i);
            if (i % step == 0 || !r.note().isEmpty() || i == rows.size() - 1) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %.0f | %d | %.1f | %d | %d | %d | %d | %.2f | %.1f |\n",
                        r.note(), r.t(), r.ok(), r.okRate(), r.errors(), r.rssKb() / 1024.0, r.threads(), r.fds(),
                        r.handlerSessions(), r.slowloris(), r.getMeanMs(), r.getMaxMs()));
            }
        }
        md.append("\n**Summary.** Requests ok: ").append(Soak.Stats.sum(stats.ok)).append(" (").append(counts(stats.ok)).append("). ");
        md.append("Errors: ").append(stats.errors.isEmpty() ? "none" : counts(stats.errors)).append(". ");
        md.append("Slowloris connections closed by the server before the end: ").append(stats.slowlorisClosedByServer.sum()).append(". ");
        md.append("Handler: ").append(handler.requests.sum()).append(" requests, ").append(handler.cancels.sum())
                .append(" cancels, ").append(handler.keepAlives.sum()).append(" keep-alives, ")
                .append(handler.openSessions.get()).append(" sessions still open at the end (")
                .append(handler.openSessionSummary()).append("), ")
                .append(handler.staleDropped.sum()).append(" dropped as stale, ").append(handler.undecodable.sum())
                .append(" undecodable packets. ");
        md.append("Server (pid ").append(pid).append("): ").append(sampler.serverAlive() ? "alive" : "NOT RUNNING")
                .append(" at the end; final GET ").append(finalCheck).append("; ")
                .append(span("RSS MB", rows, r -> r.rssKb() / 1024.0)).append("; ")
                .append(span("threads", rows, r -> r.threads())).append("; ")
                .append(span("fds", rows, r -> r.fds())).append(". ");
        if (stuck > 0) {
            md.append(stuck).append(" client loops had not stopped ").append(Soak.WORKER_GRACE.toSeconds()).append(" s after the end. ");
        }
        md.append(serverLog()).append("\n");
        return md.toString();
    }

    private static String counts(Map<String, LongAdder> m) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> sb.append(k.toLowerCase(Locale.ROOT)).append(' ').append(v.sum()).append(", "));
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 2);
    }

    private static String span(String name, List<Sampler.Row> rows, java.util.function.ToDoubleFunction<Sampler.Row> f) {
        double start = f.applyAsDouble(rows.get(0));
        double peak = rows.stream().mapToDouble(f).max().orElse(start);
        double end = f.applyAsDouble(rows.get(rows.size() - 1));
        return String.format(Locale.ROOT, "%s start %.0f, peak %.0f, settled %.0f", name, start, peak, end);
    }

    /** Counts WARN/ERROR lines of the server log and names the most frequent messages (digits masked). */
    private String serverLog() throws IOException {
        String file = opt.get("server-log");
        if (file == null || !Files.exists(Path.of(file))) {
            return "";
        }
        Map<String, Long> messages = new HashMap<>();
        long warn = 0;
        long error = 0;
        try (var lines = Files.lines(Path.of(file), StandardCharsets.ISO_8859_1)) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String l = it.next();
                boolean w = l.contains(" WARN ");
                boolean e = l.contains(" ERROR ");
                if (w || e) {
                    warn += w ? 1 : 0;
                    error += e ? 1 : 0;
                    String msg = l.substring(l.indexOf(w ? " WARN " : " ERROR ")).replaceAll("[0-9a-f]*[0-9][0-9a-f]*", "N");
                    messages.merge(msg.length() > 140 ? msg.substring(0, 140) : msg, 1L, Long::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder("Server log: " + warn + " WARN and " + error + " ERROR lines");
        if (!messages.isEmpty()) {
            sb.append("; most frequent:");
            messages.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_LOG_MESSAGES)
                    .forEach(en -> sb.append("\n  - ").append(en.getValue()).append(" × `").append(en.getKey().strip()).append('`'));
        }
        return sb.append(".\n").toString();
    }
}
