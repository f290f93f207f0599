import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark suite driver (run by bench/run.sh; main thread only): for every measurement, run and server it
 * starts the server and its handler fresh in a temporary directory, warms up, measures with wrk or
 * LoadClient (CPU and RSS from /proc), stops both, and finally writes raw JSON and a markdown section.
 * Servers are interleaved within each run. Options: see bench/README.md.
 */
public class Suite {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'");
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static String java, jar, classes, benchDir, label = "", command = "";
    static boolean quick, scratch;
    static int reps = 3, handlerThreads = 2, idleConns = 10_000, basePort = 19100;
    /**
     * Handlers run under SCHED_BATCH ({@code chrt -b 0}), the same for every server. A Java handler on JeroMQ
     * spins when a woken thread preempts the one signalling it (as condure-java's own ZeroMQ thread did): under
     * normal scheduling the handler took 23-46 us of CPU per GET and set every ZHTTP server's pace.
     */
    static boolean handlerBatch = true;
    /** Extra JVM options for condure-java (default none: `java -jar`, as users may run it). */
    static List<String> cjJavaOpts = List.of();
    static double warm, dur;
    static List<String> servers = new ArrayList<>(List.of("condure-java", "condure", "mongrel2", "nginx"));
    static List<String> measurements = new ArrayList<>(List.of("get", "idle", "put", "fair", "ws"));
    static List<String> profiles = new ArrayList<>(List.of("default"));
    static final List<Map<String, Object>> raw = new ArrayList<>();
    static int portSeq;

    public static void main(String[] args) throws Exception {
        java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = args[++i];
                case "--classes" -> classes = args[++i];
                case "--bench-dir" -> benchDir = args[++i];
                case "--quick" -> quick = true;
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--servers" -> servers = List.of(args[++i].split(","));
                case "--only" -> measurements = List.of(args[++i].split(","));
                case "--profiles" -> profiles = List.of(args[++i].split(","));
                case "--idle-conns" -> idleConns = Integer.parseInt(args[++i]);
                case "--handler-threads" -> handlerThreads = Integer.parseInt(args[++i]);
                case "--handler-batch" -> handlerBatch = Boolean.parseBoolean(args[++i]);
                case "--cj-java-opts" -> cjJavaOpts = List.of(args[++i].trim().split("\\s+"));
                case "--label" -> label = args[++i];
                case "--command" -> command = args[++i];
                case "--scratch" -> scratch = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // condure-java's JIT compiles its hot paths during the first seconds under load (C2 threads took
        // 35-40 % of its CPU in a 5 s window right after start): warm every server long enough to measure
        // steady state, the same time for each
        warm = quick ? 5 : 10;
        dur = quick ? 6 : 15;
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        for (String profile : profiles) {
            for (String m : measurements) {
                for (int rep = 1; rep <= reps; rep++) {
                    for (int k = 0; k < servers.size(); k++) {
                        String server = servers.get((k + rep - 1) % servers.size());
                        if (!applies(m, server, profile)) {
                            continue;
                        }
                        log("== " + profile + " " + m + " " + server + " run " + rep);
                        try {
                            Map<String, Map<String, Object>> results = measure(m, server, profile);
                            for (var e : results.entrySet()) {
                                Map<String, Object> row = new LinkedHashMap<>();
                                row.put("profile", profile);
                                row.put("measurement", e.getKey());
                                row.put("server", server);
                                row.put("run", rep);
                                row.putAll(e.getValue());
                                raw.add(row);
                                log("   " + row);
                            }
                        } catch (Exception e) {
                            log("   FAILED: " + e);
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("profile", profile);
                            row.put("measurement", m);
                            row.put("server", server);
                            row.put("run", rep);
                            row.put("failure", String.valueOf(e.getMessage()));
                            raw.add(row);
                        }
                    }
                }
            }
        }
        Report.write(started);
    }

    static boolean applies(String m, String server, String profile) {
        if (server.equals("nginx")) {
            return m.equals("get") && profile.equals("default");
        }
        if (server.equals("mongrel2")) {
            return !m.equals("ws") && profile.equals("default");
        }
        if (profile.equals("launcher")) {
            return m.equals("idle"); // condure-java as bin/condure-java starts it; Condure again beside it
        }
        return !profile.equals("tuned") || m.equals("put") || m.equals("ws");
    }

    /**
     * The JVM options bin/condure-java gives (Serial collector, small young generation), read from its
     * {@code exec} line so the suite measures what the launcher runs.
     */
    static List<String> launcherJavaOpts() throws IOException {
        Path launcher = Path.of(benchDir).getParent().resolve("bin/condure-java");
        for (String line : Files.readAllLines(launcher)) {
            String t = line.trim();
            if (t.startsWith("exec \"$java\"")) {
                List<String> opts = new ArrayList<>();
                for (String word : t.split("\\s+")) {
                    if (word.startsWith("-X")) {
                        opts.add(word);
                    }
                }
                return opts;
            }
        }
        throw new IllegalStateException("no exec \"$java\" line in " + launcher);
    }

    static void log(String s) {
        System.out.println(s);
        System.out.flush();
    }

    /** Runs one measurement against a fresh server; returns rows keyed by sub-measurement name. */
    static Map<String, Map<String, Object>> measure(String m, String name, String profile) throws Exception {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Server s = Server.start(name, profile)) {
            switch (m) {
                case "get" -> {
                    wrk(s, warm, false);
                    out.put("get", wrk(s, dur, true));
                }
                case "idle" -> {
                    wrk(s, 2, false);
                    out.put("idle", client(s, "idle", "--conns", idleConns, "--settle-ms", 3000));
                    if (!name.equals("mongrel2")) {
                        out.put("ws-idle", client(s, "idle", "--ws", "--conns", idleConns, "--settle-ms", 3000));
                    }
                }
                case "put" -> {
                    // warm-up as long as the others': a JIT-compiled server takes many uploads to reach its
                    // steady state (pieces are large, so methods are called rarely per byte)
                    long warmEnd = System.nanoTime() + (long) (warm * 1e9);
                    do {
                        client(s, "put", "--clients", 8, "--size", 4 << 20, "--count", 2);
                    } while (System.nanoTime() - warmEnd < 0);
                    out.put("put-4MiB", client(s, "put", "--clients", 8, "--size", 4 << 20, "--count", quick ? 2 : 5));
                    out.put("put-40MiB", client(s, "put", "--clients", 8, "--size", 40 << 20, "--count", quick ? 1 : 2));
                }
                case "fair" -> {
                    wrk(s, warm, false);
                    out.put("fair", client(s, "fair", "--conns", 1000, "--seconds", dur));
                }
                case "ws" -> {
                    out.put("ws-1KiB", client(s, "ws", "--conns", 64, "--size", 1024, "--seconds", dur, "--warmup", warm));
                    out.put("ws-64KiB", client(s, "ws", "--conns", 16, "--size", 65536, "--seconds", dur, "--warmup", warm));
                }
                default -> throw new IllegalArgumentException("unknown measurement " + m);
            }
            if (!s.proc.isAlive()) {
                throw new IllegalStateException(name + " died: " + s.tail());
            }
            for (var row : out.values()) {
                row.put("server_rss_end_kb", s.alive() ? rss(s.pids()) : -1);
            }
        }
        return out;
    }

    static final Pattern LAT = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    static Map<String, Object> wrk(Server s, double seconds, boolean record) throws Exception {
        double c0 = cpu(s.pids()), h0 = cpu(s.handlerPids());
        String text = run(List.of("wrk", "-t2", "-c64", "-d" + Math.round(seconds) + "s", "--latency",
                "http://127.0.0.1:" + s.port + "/hello"), seconds + 30);
        double c1 = cpu(s.pids()), h1 = cpu(s.handlerPids());
        Map<String, Object> r = new LinkedHashMap<>();
        if (!record) {
            return r;
        }
        long requests = Long.parseLong(find(text, "(\\d+) requests in"));
        r.put("req_per_s", Double.parseDouble(find(text, "Requests/sec:\\s+([0-9.]+)")));
        Matcher lm = LAT.matcher(text);
        while (lm.find()) {
            double v = Double.parseDouble(lm.group(2));
            v = switch (lm.group(3)) { case "us" -> v / 1000; case "s" -> v * 1000; default -> v; };
            r.put("p" + lm.group(1) + "_ms", v);
        }
        r.put("requests", requests);
        r.put("non2xx", text.contains("Non-2xx") ? Long.parseLong(find(text, "Non-2xx or 3xx responses: (\\d+)")) : 0L);
        r.put("socket_errors", text.contains("Socket errors") ? find(text, "Socket errors: ([^\\n]+)") : "none");
        r.put("server_cpu_s", c1 - c0);
        r.put("cpu_s_per_100k", (c1 - c0) * 100_000 / requests);
        r.put("handler_cpu_s_per_100k", (h1 - h0) * 100_000 / requests);
        return r;
    }

    static Map<String, Object> client(Server s, String mode, Object... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-cp", jar + ":" + classes, "LoadClient", mode,
                "--port", String.valueOf(s.port), "--pids", join(s.pids()), "--hpids", join(s.handlerPids())));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        String text = run(cmd, 600);
        String line = text.lines().filter(l -> l.startsWith("RESULT")).findFirst()
                .orElseThrow(() -> new IllegalStateException("client gave no result: " + text));
        Map<String, Object> r = new LinkedHashMap<>();
        for (String kv : line.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            String v = kv.substring(eq + 1);
            try {
                r.put(kv.substring(0, eq), Double.parseDouble(v));
            } catch (NumberFormatException e) {
                r.put(kv.substring(0, eq), v);
            }
        }
        String errs = text.lines().filter(l -> !l.startsWith("RESULT")).limit(5).reduce("", (a, b) -> a + b + "; ");
        if (!errs.isEmpty()) {
            r.put("client_messages", errs.replace('"', '\''));
        }
        return r;
    }

    static String run(List<String> cmd, double timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] outBytes = p.getInputStream().readAllBytes();
        if (!p.waitFor((long) timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new String(outBytes, StandardCharsets.UTF_8);
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in: " + text);
        }
        return m.group(1);
    }

    static String join(long[] pids) {
        StringBuilder sb = new StringBuilder();
        for (long p : pids) {
            sb.append(sb.isEmpty() ? "" : ",").append(p);
        }
        return sb.toString();
    }

    static double cpu(long[] pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return ticks / 100.0;
    }

    static long rss(long[] pids) throws IOException {
        long kb = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return kb;
    }

    /** The next port from basePort on that nothing listens on (loopback). */
    static int freePort() {
        for (int i = 0; i < 200; i++) {
            int port = basePort + (portSeq++ % 200);
            try (var probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // in use, try the next
            }
        }
        throw new IllegalStateException("no free port from " + basePort);
    }

    /** One running server and its handler in a temporary directory; closing stops both (main thread). */
    static final class Server implements AutoCloseable {
        final String name;
        final int port;
        final Path dir;
        Process proc;
        Process handler;

        Server(String name, int port, Path dir) {
            this.name = name;
            this.port = port;
            this.dir = dir;
        }

        static Server start(String name, String profile) throws Exception {
            Path dir = Files.createTempDirectory("bench-" + name + "-");
            Server s = new Server(name, freePort(), dir);
            try {
                s.launch(profile);
                s.awaitReady();
            } catch (Exception e) {
                s.close();
                throw e;
            }
            return s;
        }

        void launch(String profile) throws Exception {
            String listen = "127.0.0.1:" + port + ",stream";
            String z = "ipc://" + dir + "/z";
            List<String> tuned = profile.equals("tuned") ? List.of("--buffer-size", "65536") : List.of();
            List<String> handlerCmd = List.of(java, "-cp", jar + ":" + classes, "BenchHandler", z, "--threads",
                    String.valueOf(handlerThreads));
            List<String> cmd = new ArrayList<>();
            switch (name) {
                case "condure-java" -> {
                    cmd.add(java);
                    cmd.addAll(profile.equals("launcher") ? launcherJavaOpts() : cjJavaOpts);
                    cmd.addAll(List.of("-jar", jar));
                }
                case "condure" -> cmd.add("condure");
                case "mongrel2" -> {
                    Files.createDirectories(dir.resolve("logs"));
                    Files.createDirectories(dir.resolve("run"));
                    Files.createDirectories(dir.resolve("tmp"));
                    String conf = Files.readString(Path.of(benchDir, "handlers", "mongrel2.conf")).replace("@PORT@", String.valueOf(port));
                    Files.writeString(dir.resolve("m2.conf"), conf);
                    run(List.of("m2sh", "load", "-config", dir + "/m2.conf", "-db", dir + "/m2.sqlite"), 30);
                    cmd.addAll(List.of("mongrel2", dir + "/m2.sqlite", "bench-m2-server"));
                    handlerCmd = List.of(java, "-cp", jar + ":" + classes, "M2Handler", "ipc://" + dir + "/m2-send",
                            "ipc://" + dir + "/m2-recv", "--threads", String.valueOf(handlerThreads));
                }
                case "nginx" -> {
                    Files.createDirectories(dir.resolve("www"));
                    Files.writeString(dir.resolve("www/hello"), "hello world\n");
                    String conf = Files.readString(Path.of(benchDir, "handlers", "nginx.conf"))
                            .replace("@PORT@", String.valueOf(port)).replace("@DIR@", dir.toString());
                    Files.writeString(dir.resolve("nginx.conf"), conf);
                    cmd.addAll(List.of("nginx", "-p", dir.toString(), "-c", dir + "/nginx.conf", "-e", dir + "/error.log"));
                    handlerCmd = null;
                }
                default -> throw new IllegalArgumentException("unknown server " + name);
            }
            if (name.startsWith("condure")) {
                cmd.addAll(List.of("--listen", listen, "--zclient-stream", z, "--stream-maxconn", "20000"));
                cmd.addAll(tuned);
            }
            proc = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            if (handlerCmd != null) {
                if (handlerBatch) {
                    List<String> wrapped = new ArrayList<>(List.of("chrt", "-b", "0"));
                    wrapped.addAll(handlerCmd);
                    handlerCmd = wrapped;
                }
                handler = new ProcessBuilder(handlerCmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("handler.log").toFile()).start();
            }
        }

        void awaitReady() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!proc.isAlive() || (handler != null && !handler.isAlive())) {
                    throw new IllegalStateException(name + " or its handler exited: " + tail());
                }
                try {
                    var resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() == 200 && resp.body().startsWith("hello world")) {
                        return;
                    }
                } catch (IOException e) {
                    // not yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + ": " + tail());
        }

        boolean alive() {
            return proc.isAlive();
        }

        long[] pids() {
            List<Long> l = new ArrayList<>();
            l.add(proc.pid());
            proc.descendants().forEach(h -> l.add(h.pid()));
            return l.stream().mapToLong(Long::longValue).toArray();
        }

        long[] handlerPids() {
            return handler == null ? new long[0] : new long[] {handler.pid()};
        }

        String tail() {
            try {
                List<String> lines = new ArrayList<>();
                for (String f : List.of("server.log", "handler.log")) {
                    Path p = dir.resolve(f);
                    if (Files.exists(p)) {
                        List<String> all = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
                        lines.add(f + ": " + String.join(" | ", all.subList(Math.max(0, all.size() - 8), all.size())));
                    }
                }
                return String.join("; ", lines);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws Exception {
            for (Process p : new Process[] {handler, proc}) {
                if (p != null && p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        log("   " + name + " did not stop on SIGTERM within 10 s; killing");
                        p.destroyForcibly().waitFor();
                    }
                }
            }
            String logText = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log"), StandardCharsets.ISO_8859_1) : "";
            long warn = logText.lines().filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception")).count();
            boolean died = proc != null && proc.exitValue() != 0 && proc.exitValue() != 143;
            if (died || (warn > 0 && name.equals("condure-java"))) {
                Path keep = Path.of("/tmp/bench/logs");
                Files.createDirectories(keep);
                Path copy = keep.resolve(name + "-" + System.currentTimeMillis() + ".log");
                Files.writeString(copy, logText);
                log("   " + name + (died ? " exited with " + proc.exitValue() : "") + ", " + warn + " WARN/ERROR lines; log kept in " + copy);
            }
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
