import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark load client (loopback only), one mode per run; prints one line {@code RESULT key=value ...}.
 * Server CPU (utime+stime of all threads, /proc/PID/stat) and RSS (/proc/PID/status VmRSS) are sampled
 * around the measured window for the processes given in {@code --pids a,b} (server) and {@code --hpids}
 * (handler). Modes:
 * <ul>
 * <li>{@code idle --conns N [--ws [--echo-one]]}: opens N connections, RSS; then each makes one GET (or
 *     WebSocket upgrade, then with {@code --echo-one} one 64-byte message echoed), RSS again.</li>
 * <li>{@code put --clients 8 --size BYTES --count K}: each client uploads K distinct bodies, one connection
 *     per upload; the handler's {@code <length> <sha256>} answer is checked.</li>
 * <li>{@code fair --conns 1000 --seconds T}: each connection loops GETs; spread of per-connection counts.</li>
 * <li>{@code ws --conns C --size BYTES --seconds T [--warmup W]}: WebSocket echo, one message in flight per
 *     connection, every echoed byte compared.</li>
 * </ul>
 * Threads: main thread plus one virtual thread per connection or client.
 */
public class LoadClient {
    static final String HOST = "127.0.0.1";
    static final int CONNECT_BATCH = 200;
    static final long CLK_TCK = 100;
    static final Map<String, String> opts = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        for (int i = 1; i < args.length; i++) {
            String k = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(k, args[++i]);
            } else {
                opts.put(k, "true");
            }
        }
        Map<String, Object> r = switch (mode) {
            case "idle" -> idle();
            case "put" -> put();
            case "fair" -> fair();
            case "ws" -> ws();
            default -> throw new IllegalArgumentException("mode: idle|put|fair|ws");
        };
        StringBuilder sb = new StringBuilder("RESULT");
        r.forEach((k, v) -> sb.append(' ').append(k).append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v));
        System.out.println(sb);
    }

    static int port() { return Integer.parseInt(opts.get("port")); }
    static int num(String k, int dflt) { return opts.containsKey(k) ? Integer.parseInt(opts.get(k)) : dflt; }
    static double dnum(String k, double dflt) { return opts.containsKey(k) ? Double.parseDouble(opts.get(k)) : dflt; }

    // ---- /proc sampling ----

    static long[] pids(String key) {
        String v = opts.getOrDefault(key, "");
        return v.isEmpty() ? new long[0] : java.util.Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** CPU seconds (user+system, all threads) summed over the processes. */
    static double cpu(long[] pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException e) {
                throw new IllegalStateException("process " + pid + " is gone", e);
            }
        }
        return ticks / (double) CLK_TCK;
    }

    /** Resident set in KiB summed over the processes. */
    static long rssKb(long[] pids) {
        long kb = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("process " + pid + " is gone", e);
            }
        }
        return kb;
    }

    // ---- HTTP helpers ----

    static Socket open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(HOST, port()), 10_000);
        s.setSoTimeout(30_000);
        return s;
    }

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + HOST + ":" + port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response head; returns "status contentLength". */
    static long[] readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in response head");
            }
            head.append((char) c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String h = head.toString();
        int status = Integer.parseInt(h.substring(9, 12));
        long len = -1;
        for (String line : h.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                len = Long.parseLong(line.substring(15).trim());
            }
        }
        return new long[] {status, len};
    }

    /** Reads a whole Content-Length response; returns its body, or throws unless status is 200. */
    static byte[] readResponse(InputStream in) throws IOException {
        long[] h = readHead(in);
        if (h[1] < 0) {
            throw new IOException("response without Content-Length");
        }
        byte[] body = in.readNBytes((int) h[1]);
        if (body.length != h[1]) {
            throw new EOFException("short body");
        }
        if (h[0] != 200) {
            throw new IOException("status " + h[0]);
        }
        return body;
    }

    // ---- idle ----

    static Map<String, Object> idle() throws Exception {
        int n = num("conns", 10_000);
        boolean ws = opts.containsKey("ws");
        boolean echoOne = opts.containsKey("echo-one");
        long settleMs = num("settle-ms", 3000);
        long[] pids = pids("pids");
        Map<String, Object> r = new LinkedHashMap<>();
        Thread.sleep(settleMs);
        long rss0 = rssKb(pids);
        List<Socket> socks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            socks.add(open());
        }
        Thread.sleep(settleMs);
        long rss1 = rssKb(pids);
        byte[] req = ws ? upgrade() : get("/hello");
        int ok = 0;
        for (int i = 0; i < n; i += CONNECT_BATCH) {
            List<Socket> batch = socks.subList(i, Math.min(n, i + CONNECT_BATCH));
            for (Socket s : batch) {
                s.getOutputStream().write(req);
            }
            for (Socket s : batch) {
                InputStream in = s.getInputStream();
                if (ws) {
                    if (readHead(in)[0] == 101) {
                        ok++;
                    }
                } else {
                    readResponse(in);
                    ok++;
                }
            }
            if (ws && echoOne) { // each WebSocket echoes one 64-byte message, then stays idle
                byte[] message = frame(new byte[64]);
                for (Socket s : batch) {
                    s.getOutputStream().write(message);
                }
                for (Socket s : batch) {
                    readMessage(s.getInputStream(), new byte[64]);
                }
            }
        }
        Thread.sleep(settleMs);
        long rss2 = rssKb(pids);
        r.put("conns", n);
        r.put("ok", ok);
        r.put("rss0_kb", rss0);
        r.put("rss_open_kb", rss1);
        r.put("rss_used_kb", rss2);
        r.put("kb_per_open_conn", (rss1 - rss0) / (double) n);
        r.put("kb_per_used_conn", (rss2 - rss0) / (double) n);
        for (Socket s : socks) {
            s.close();
        }
        return r;
    }

    static byte[] upgrade() {
        return ("GET /ws HTTP/1.1\r\nHost: " + HOST + ":" + port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    // ---- put ----

    static Map<String, Object> put() throws Exception {
        int clients = num("clients", 8);
        int size = num("size", 4 << 20);
        int count = num("count", 2);
        long[] pids = pids("pids");
        long[] hpids = pids("hpids");
        byte[][] bodies = new byte[clients][];
        String[][] digests = new String[clients][count];
        for (int c = 0; c < clients; c++) {
            bodies[c] = new byte[size];
            new Random(c).nextBytes(bodies[c]);
            for (int k = 0; k < count; k++) {
                stamp(bodies[c], c, k);
                digests[c][k] = size + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bodies[c]));
            }
        }
        AtomicLong okBytes = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int cc = c;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    for (int k = 0; k < count; k++) {
                        // one connection per upload: condure-java fails a second body on a keep-alive connection
                        // when the handler granted more credits than the first body used (see bench/README.md)
                        @SuppressWarnings("resource") Socket s = open();
                        s.setSoTimeout(120_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        stamp(bodies[cc], cc, k);
                        out.write(("PUT /upload HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: application/octet-stream\r\n"
                                + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(bodies[cc]);
                        String answer = new String(readResponse(in), StandardCharsets.US_ASCII).trim();
                        if (answer.equals(digests[cc][k])) {
                            okBytes.addAndGet(size);
                        } else {
                            bad.incrementAndGet();
                            System.err.println("mismatch: " + answer + " expected " + digests[cc][k]);
                        }
                        s.close();
                    }
                } catch (Exception e) {
                    bad.incrementAndGet();
                    System.err.println("upload failed: " + e);
                }
            }));
        }
        double cpu0 = cpu(pids), h0 = cpu(hpids);
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu1 = cpu(pids), h1 = cpu(hpids);
        Map<String, Object> r = new LinkedHashMap<>();
        double gib = okBytes.get() / (double) (1L << 30);
        r.put("bytes_ok", okBytes.get());
        r.put("errors", bad.get());
        r.put("seconds", secs);
        r.put("mib_per_s", okBytes.get() / (double) (1 << 20) / secs);
        r.put("server_cpu_s", cpu1 - cpu0);
        r.put("cpu_s_per_gib", gib > 0 ? (cpu1 - cpu0) / gib : Double.NaN);
        r.put("handler_cpu_s", h1 - h0);
        return r;
    }

    static void stamp(byte[] body, int client, int k) {
        body[0] = (byte) client;
        body[1] = (byte) k;
        body[2] = (byte) (k >> 8);
    }

    // ---- fair ----

    static Map<String, Object> fair() throws Exception {
        int n = num("conns", 1000);
        double seconds = dnum("seconds", 10);
        long[] pids = pids("pids");
        byte[] req = get("/hello");
        long[] counts = new long[n];
        AtomicLong errors = new AtomicLong();
        List<Socket> socks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            socks.add(open());
        }
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ii = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket s = socks.get(ii)) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1024);
                    go.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        out.write(req);
                        readResponse(in);
                        counts[ii]++;
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }));
        }
        double cpu0 = cpu(pids);
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - window[0]) / 1e9;
        double cpu1 = cpu(pids);
        long total = 0, min = Long.MAX_VALUE, max = 0;
        for (long c : counts) {
            total += c;
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        double mean = total / (double) n, var = 0;
        for (long c : counts) {
            var += (c - mean) * (c - mean);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("conns", n);
        r.put("requests", total);
        r.put("req_per_s", total / secs);
        r.put("min", min);
        r.put("max", max);
        r.put("max_over_min", min > 0 ? max / (double) min : Double.POSITIVE_INFINITY);
        r.put("cv", Math.sqrt(var / n) / mean);
        r.put("errors", errors.get());
        r.put("server_cpu_s", cpu1 - cpu0);
        return r;
    }

    // ---- ws ----

    static volatile boolean measuring;
    static volatile long endAt;

    static Map<String, Object> ws() throws Exception {
        int n = num("conns", 64);
        int size = num("size", 1024);
        double seconds = dnum("seconds", 10);
        double warmup = dnum("warmup", 2);
        long[] pids = pids("pids");
        long[] hpids = pids("hpids");
        AtomicLong errors = new AtomicLong();
        long[] counts = new long[n];
        CountDownLatch ready = new CountDownLatch(n);
        long end = System.nanoTime() + (long) ((warmup + seconds) * 1e9) + 5_000_000_000L;
        endAt = end;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ii = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket s = open()) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
                    out.write(upgrade());
                    if (readHead(in)[0] != 101) {
                        throw new IOException("no 101");
                    }
                    ready.countDown();
                    byte[] payload = new byte[size];
                    new Random(ii).nextBytes(payload);
                    byte[] frame = frame(payload);
                    byte[] got = new byte[size];
                    while (System.nanoTime() < endAt) {
                        out.write(frame);
                        readMessage(in, got);
                        if (!java.util.Arrays.equals(got, payload)) {
                            throw new IOException("echo differs");
                        }
                        if (measuring) {
                            counts[ii]++;
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    ready.countDown();
                    System.err.println("ws connection failed: " + e);
                }
            }));
        }
        ready.await();
        Thread.sleep((long) (warmup * 1000));
        double cpu0 = cpu(pids), h0 = cpu(hpids);
        long t0 = System.nanoTime();
        measuring = true;
        Thread.sleep((long) (seconds * 1000));
        measuring = false;
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu1 = cpu(pids), h1 = cpu(hpids);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        endAt = 0;
        for (Thread t : threads) {
            t.join();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("conns", n);
        r.put("size", size);
        r.put("messages", total);
        r.put("msg_per_s", total / secs);
        r.put("mib_per_s", total * (double) size / (1 << 20) / secs);
        r.put("errors", errors.get());
        r.put("server_cpu_s", cpu1 - cpu0);
        r.put("cpu_s_per_100k_msg", total > 0 ? (cpu1 - cpu0) * 100_000 / total : Double.NaN);
        r.put("handler_cpu_s", h1 - h0);
        return r;
    }

    /** A masked binary frame; the mask key is 0 so the payload bytes go out unchanged. */
    static byte[] frame(byte[] payload) {
        int n = payload.length;
        int hdr = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] f = new byte[hdr + 4 + n];
        f[0] = (byte) 0x82;
        if (n < 126) {
            f[1] = (byte) (0x80 | n);
        } else if (n < 65536) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (n >> 8);
            f[3] = (byte) n;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, f, hdr + 4, n);
        return f;
    }

    /** Reads one whole data message (fragments joined) into {@code into}; its length must match. */
    static void readMessage(InputStream in, byte[] into) throws IOException {
        int off = 0;
        while (true) {
            int b0 = in.read(), b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                throw new EOFException("closed mid-frame");
            }
            int op = b0 & 0x0f;
            long len = b1 & 0x7f;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | in.read();
                }
            }
            if (op >= 8) {
                in.readNBytes((int) len);
                if (op == 8) {
                    throw new EOFException("server closed");
                }
                continue;
            }
            if (off + len > into.length) {
                throw new IOException("echo longer than sent");
            }
            int r = in.readNBytes(into, off, (int) len);
            if (r != len) {
                throw new EOFException("short frame");
            }
            off += (int) len;
            if ((b0 & 0x80) != 0) {
                if (off != into.length) {
                    throw new IOException("echo length " + off + " != " + into.length);
                }
                return;
            }
        }
    }
}
