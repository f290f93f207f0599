import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes the suite's raw rows as JSON (bench/results/) and appends a markdown section to bench/RESULTS.md; main thread. */
final class Report {
    /** Metrics shown per sub-measurement, in order; true = higher is better. */
    static final Map<String, List<String>> SHOWN = new LinkedHashMap<>();

    static {
        SHOWN.put("get", List.of("req_per_s", "p50_ms", "p99_ms", "cpu_s_per_100k", "handler_cpu_s_per_100k", "non2xx"));
        SHOWN.put("idle", List.of("kb_per_open_conn", "kb_per_used_conn", "rss0_kb", "ok"));
        SHOWN.put("ws-idle", List.of("kb_per_open_conn", "kb_per_used_conn", "rss0_kb", "ok"));
        SHOWN.put("put-4MiB", List.of("mib_per_s", "cpu_s_per_gib", "handler_cpu_s", "errors"));
        SHOWN.put("put-40MiB", List.of("mib_per_s", "cpu_s_per_gib", "handler_cpu_s", "errors"));
        SHOWN.put("fair", List.of("cv", "max_over_min", "req_per_s", "min", "max", "errors"));
        SHOWN.put("ws-1KiB", List.of("msg_per_s", "mib_per_s", "cpu_s_per_100k_msg", "handler_cpu_s", "errors"));
        SHOWN.put("ws-64KiB", List.of("msg_per_s", "mib_per_s", "cpu_s_per_100k_msg", "handler_cpu_s", "errors"));
    }

    /** One target: sub-measurement, metric, peer (null = absolute), factor, higher-is-better. */
    record Target(String text, String sub, String metric, String peer, double factor, boolean higher) { }

    static final List<Target> TARGETS = List.of(
            new Target("GET req/s ≥ 1.2 × Condure", "get", "req_per_s", "condure", 1.2, true),
            new Target("GET req/s ≥ 1.0 × Mongrel2", "get", "req_per_s", "mongrel2", 1.0, true),
            new Target("GET p99 ≤ Condure's", "get", "p99_ms", "condure", 1.0, false),
            new Target("CPU s per 100k GET ≤ Mongrel2's", "get", "cpu_s_per_100k", "mongrel2", 1.0, false),
            new Target("RSS per idle connection ≤ 0.5 × Condure", "idle", "kb_per_open_conn", "condure", 0.5, false),
            new Target("RSS per connection after one request ≤ 0.5 × Condure", "idle", "kb_per_used_conn", "condure", 0.5, false),
            new Target("PUT 40 MiB MiB/s ≥ Mongrel2", "put-40MiB", "mib_per_s", "mongrel2", 1.0, true),
            new Target("Fairness CV ≤ 0.1 (1000 conns)", "fair", "cv", null, 0.1, false),
            new Target("WS 1 KiB msgs/s ≥ 1.3 × Condure", "ws-1KiB", "msg_per_s", "condure", 1.3, true),
            new Target("WS 64 KiB MiB/s ≥ 3 × Condure", "ws-64KiB", "mib_per_s", "condure", 3.0, true),
            new Target("RSS per idle upgraded WebSocket ≤ 0.5 × Condure", "ws-idle", "kb_per_used_conn", "condure", 0.5, false));

    static void write(String started) throws Exception {
        Path outDir = Suite.scratch ? Path.of("/tmp/bench/scratch") : Path.of(Suite.benchDir);
        Path resultsDir = outDir.resolve("results");
        Files.createDirectories(resultsDir);
        Path json = resultsDir.resolve(started + (Suite.quick ? "-quick" : "") + ".json");
        Files.writeString(json, toJson());
        StringBuilder md = new StringBuilder();
        md.append("\n## Side-by-side benchmark").append(Suite.label.isEmpty() ? "" : " — " + Suite.label)
                .append(" — ").append(started.replace('T', ' ').replace("-", ":").replaceFirst(":", "-").replaceFirst(":", "-"))
                .append("\n\n");
        md.append("Command: `").append(Suite.command).append("`  \n");
        md.append("Raw numbers: `bench/results/").append(json.getFileName()).append("`  \n");
        md.append(machineNote()).append("\n\n");
        md.append("Medians of ").append(Suite.reps).append(" runs (min–max in brackets); each run starts the server and its handler fresh; ")
                .append("servers interleaved within each run. Only ratios from the same run are meaningful.\n\n");
        for (String profile : Suite.profiles) {
            md.append("### Targets (profile `").append(profile).append("`)\n\n");
            md.append("| target | condure-java | peer | ratio | met |\n|---|---:|---:|---:|---|\n");
            for (Target t : TARGETS) {
                double cj = median(profile, t.sub, "condure-java", t.metric);
                if (Double.isNaN(cj)) {
                    continue;
                }
                double peer = t.peer == null ? t.factor : median(profile, t.sub, t.peer, t.metric);
                if (Double.isNaN(peer)) {
                    continue;
                }
                double ratio = cj / peer;
                boolean met = t.peer == null ? (t.higher ? cj >= peer : cj <= peer)
                        : (t.higher ? ratio >= t.factor : ratio <= t.factor);
                md.append("| ").append(t.text).append(" | ").append(fmt(cj)).append(" | ")
                        .append(t.peer == null ? "(absolute)" : fmt(peer) + " (" + t.peer + ")").append(" | ")
                        .append(t.peer == null ? "" : fmt(ratio) + "×").append(" | ").append(met ? "yes" : "**no**").append(" |\n");
            }
            md.append("\n");
            for (var e : SHOWN.entrySet()) {
                String sub = e.getKey();
                List<String> srv = serversWith(profile, sub);
                if (srv.isEmpty()) {
                    continue;
                }
                md.append("**").append(sub).append("** (").append(profile).append(")\n\n| metric |");
                srv.forEach(s -> md.append(' ').append(s).append(" |"));
                md.append("\n|---|");
                srv.forEach(s -> md.append("---:|"));
                md.append('\n');
                for (String metric : e.getValue()) {
                    md.append("| ").append(metric).append(" |");
                    for (String s : srv) {
                        List<Double> v = values(profile, sub, s, metric);
                        md.append(' ').append(v.isEmpty() ? "–" : fmt(median(v)) + " (" + fmt(v.get(0)) + "–" + fmt(v.get(v.size() - 1)) + ")").append(" |");
                    }
                    md.append('\n');
                }
                md.append('\n');
            }
        }
        List<String> failures = new ArrayList<>();
        for (var row : Suite.raw) {
            if (row.containsKey("failure")) {
                failures.add(row.get("profile") + " " + row.get("measurement") + " " + row.get("server") + " run " + row.get("run") + ": " + row.get("failure"));
            }
            Object msg = row.get("client_messages");
            if (msg != null) {
                failures.add(row.get("measurement") + " " + row.get("server") + " run " + row.get("run") + " client said: " + msg);
            }
        }
        if (!failures.isEmpty()) {
            md.append("Failures and client messages:\n\n");
            failures.forEach(f -> md.append("- ").append(f.replace("\n", " ")).append('\n'));
            md.append('\n');
        }
        Files.writeString(outDir.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(md);
        System.out.println("raw: " + json);
    }

    static String machineNote() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("");
        } catch (Exception e) {
            // leave empty
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), shared and noisy: "
                + "other developers' builds and tests ran at the same time; wrk/LoadClient, the handler and the server "
                + "all share these cores. Java " + Runtime.version() + " for condure-java (`java " + String.join(" ", Suite.cjJavaOpts) + (Suite.cjJavaOpts.isEmpty() ? "" : " ")
                + "-jar`" + (Suite.cjJavaOpts.isEmpty() ? ", the JVM's default GC" : "") + "), "
                + "handlers and clients; Debian "
                + "condure 1.9.1 (workers 2, its default), mongrel2 1.12.2, nginx 1.22.1 (1 worker, static file, access log off). "
                + "Both ZHTTP servers get `--stream-maxconn 20000` (Condure's default 10000 is below the idle test), "
                + "mongrel2 `superpoll.max_fd 19000` and `limits.content_length 64 MiB` (bodies in memory). Handler: "
                + "bench/handlers/BenchHandler.java (" + Suite.handlerThreads + " threads, 1 MiB credit windows) for both ZHTTP "
                + "servers over ipc://, M2Handler.java for Mongrel2" + (Suite.handlerBatch
                        ? "; handlers under SCHED_BATCH (`chrt -b 0`; servers at their own defaults). " : ". ")
                + "Profile `default`: peers' defaults otherwise; `tuned`: "
                + "`--buffer-size 65536` on both ZHTTP servers (put, ws); `launcher` (idle only): condure-java with the JVM "
                + "options bin/condure-java starts it with (" + String.join(" ", launcherOpts()) + "), the peers as in `default`. GET: wrk -t2 -c64, " + Math.round(Suite.dur) + " s after "
                + Math.round(Suite.warm) + " s warm-up. Idle: " + Suite.idleConns + " connections.";
    }

    private static List<String> launcherOpts() {
        try {
            return Suite.launcherJavaOpts();
        } catch (Exception e) {
            return List.of("?");
        }
    }

    static List<String> serversWith(String profile, String sub) {
        Set<String> s = new LinkedHashSet<>();
        for (String server : Suite.servers) {
            for (var row : Suite.raw) {
                if (profile.equals(row.get("profile")) && sub.equals(row.get("measurement")) && server.equals(row.get("server"))) {
                    s.add(server);
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String want : List.of("condure-java", "condure", "mongrel2", "nginx")) {
            if (s.contains(want)) {
                ordered.add(want);
            }
        }
        return ordered;
    }

    static List<Double> values(String profile, String sub, String server, String metric) {
        List<Double> v = new ArrayList<>();
        for (var row : Suite.raw) {
            if (profile.equals(row.get("profile")) && sub.equals(row.get("measurement")) && server.equals(row.get("server"))
                    && row.get(metric) instanceof Number n) {
                v.add(n.doubleValue());
            }
        }
        v.sort(null);
        return v;
    }

    static double median(String profile, String sub, String server, String metric) {
        return median(values(profile, sub, server, metric));
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String fmt(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        double a = Math.abs(d);
        return String.format(Locale.ROOT, a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", d);
    }

    static String toJson() {
        StringBuilder sb = new StringBuilder("{\"command\":").append(q(Suite.command)).append(",\"quick\":").append(Suite.quick)
                .append(",\"reps\":").append(Suite.reps).append(",\"rows\":[\n");
        for (int i = 0; i < Suite.raw.size(); i++) {
            sb.append(i == 0 ? "" : ",\n").append('{');
            int j = 0;
            for (var e : Suite.raw.get(i).entrySet()) {
                sb.append(j++ == 0 ? "" : ",").append(q(e.getKey())).append(':');
                Object v = e.getValue();
                sb.append(v instanceof Number n && Double.isFinite(n.doubleValue()) ? n.toString() : q(String.valueOf(v)));
            }
            sb.append('}');
        }
        return sb.append("\n]}\n").toString();
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
