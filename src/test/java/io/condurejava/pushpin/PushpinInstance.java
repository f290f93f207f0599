package io.condurejava.pushpin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One Pushpin (Debian's runner, {@code /usr/bin/pushpin}) in a directory of its own: writes the
 * config with {@code condure_bin} set, starts it, waits until it proxies and publishes, and stops
 * it with SIGTERM, then kills whatever of its process tree is left. Test threads; not thread-safe.
 */
final class PushpinInstance implements AutoCloseable {
    static final Path PUSHPIN = Path.of("/usr/bin/pushpin");
    static final String IPC_PREFIX = "pushpin-";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    private static final long STOP_TIMEOUT_SECONDS = 20;
    private static final int PROBE_TIMEOUT_MILLIS = 2_000;

    /** How a stop went: the runner's exit status (null = had to be killed) and processes left behind. */
    record StopReport(Integer exitStatus, List<String> survivors) {
    }

    private final ConnectionManager manager;
    private final Path dir;
    private final int httpPort;
    private final int publishPort;
    private final Process process;
    private final Publisher publisher;
    private List<ProcessHandle> tree = List.of();
    /** Kills the tree if the test JVM exits without {@link #close()} (e.g. surefire's timeout). */
    private final Thread killer = new Thread(this::kill, "pushpin-killer");
    private StopReport stopReport;

    PushpinInstance(ConnectionManager manager, int originPort, Path dir) throws IOException {
        this.manager = manager;
        this.dir = dir;
        Files.createDirectories(runDir());
        Files.createDirectories(logDir());
        int[] ports = freePorts(5);
        httpPort = ports[0];
        publishPort = ports[1];
        Files.writeString(dir.resolve("routes"), "* 127.0.0.1:" + originPort + ",over_http\n");
        Files.writeString(configFile(), PushpinConfig.text(manager.bin(), runDir(), logDir(), httpPort, publishPort,
                ports[2], ports[3], ports[4]));
        process = new ProcessBuilder(PUSHPIN.toString(), "--config", configFile().toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pushpin.out").toFile()).start();
        Runtime.getRuntime().addShutdownHook(killer);
        publisher = new Publisher(publishPort);
        try {
            await("Pushpin with " + manager + " proxies and publishes").atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast("pushpin exited", () -> !process.isAlive()).until(this::ready);
            tree = process.descendants().toList();
        } catch (RuntimeException | Error e) {
            close();
            throw new IllegalStateException("Pushpin with " + manager + " did not come up:\n" + logs(), e);
        }
    }

    private boolean ready() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), PROBE_TIMEOUT_MILLIS);
            s.setSoTimeout(PROBE_TIMEOUT_MILLIS * 5);
            s.getOutputStream().write(("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = OriginRequest.readLine(s.getInputStream());
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                return false;
            }
        }
        return publisher.ping() == 200;
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    ConnectionManager manager() {
        return manager;
    }

    int httpPort() {
        return httpPort;
    }

    Publisher publisher() {
        return publisher;
    }

    Path runDir() {
        return dir.resolve("run");
    }

    Path logDir() {
        return dir.resolve("log");
    }

    Path configFile() {
        return dir.resolve("pushpin.conf");
    }

    /** Pushpin's runner and every process it started, as seen after start-up. */
    List<ProcessHandle> processTree() {
        List<ProcessHandle> all = new ArrayList<>(tree);
        all.add(process.toHandle());
        return all;
    }

    /** The pid the runner wrote for the connection manager. */
    long connectionManagerPid() throws IOException {
        return Long.parseLong(Files.readString(runDir().resolve("condure.pid")).strip());
    }

    /** The runner's output and the last lines of every log file, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(dir.resolve("pushpin.out")));
        try (var list = Files.list(logDir())) {
            list.sorted().forEach(files::add);
        } catch (IOException e) {
            sb.append("(no log dir: ").append(e).append(")\n");
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                sb.append("--- ").append(f).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("--- ").append(f).append(": ").append(e).append('\n');
            }
        }
        return sb.toString();
    }

    /** Stops Pushpin as an init system would (SIGTERM to the runner) and reports how that went. */
    StopReport stop() throws InterruptedException {
        if (stopReport != null) {
            return stopReport;
        }
        List<ProcessHandle> all = new ArrayList<>(tree);
        all.addAll(process.descendants().toList());
        process.destroy();
        Integer status = process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS) ? process.exitValue() : null;
        if (status == null) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        List<String> survivors = new ArrayList<>();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(status == null ? 1 : STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                survivors.add(h.pid() + " " + h.info().commandLine().orElse("?"));
                h.destroyForcibly();
            }
        }
        stopReport = new StopReport(status, survivors);
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds nothing left
        }
        return stopReport;
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
