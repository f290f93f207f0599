package io.condurejava.testutil;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a real in-process server for integration tests: a stream listener on 127.0.0.1 port 0 and
 * the ZHTTP stream endpoints on real Unix sockets ({@code ipc://}) in a fresh temporary directory.
 */
public final class ServerFixture implements AutoCloseable {
    private final Server server;
    private final Path dir;
    private final String base;

    private ServerFixture(Server server, Path dir, String base) {
        this.server = server;
        this.dir = dir;
        this.base = base;
    }

    /** Starts with Condure flags; {@code --listen} and {@code --zclient-stream} are added unless given. */
    public static ServerFixture start(String... flags) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cj-");
        String base = "ipc://" + dir.resolve("client");
        List<String> args = new ArrayList<>();
        boolean hasListen = false;
        boolean hasStream = false;
        for (String flag : flags) {
            hasListen |= flag.startsWith("--listen");
            hasStream |= flag.startsWith("--zclient-stream");
            args.add(flag);
        }
        if (!hasListen) {
            args.add("--listen=127.0.0.1:0,stream");
        }
        if (!hasStream) {
            args.add("--zclient-stream=" + base);
        }
        CliRequest request = ConfigLoader.load(args.toArray(String[]::new), Map.of());
        Server server = Server.start(((CliRequest.Run) request).settings());
        return new ServerFixture(server, dir, base);
    }

    public Server server() {
        return server;
    }

    /** The ZHTTP spec base handlers connect to. */
    public String base() {
        return base;
    }

    public int port() {
        return server.listenAddresses().get(0).getPort();
    }

    public TestHandler newHandler() {
        return new TestHandler(base);
    }

    public RawClient connect() throws IOException {
        return new RawClient(port());
    }

    /**
     * Waits (10 s at most) until no connection, session or connection thread is left: a leak check after a
     * test's clients are gone.
     */
    public void awaitNothingLive() {
        org.awaitility.Awaitility.await("no connection, session or connection thread left")
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> server.liveConnections() == 0 && server.liveSessions() == 0
                        && server.liveConnectionThreads() == 0);
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
