package io.condurejava.pushpin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * condure-java as Pushpin's connection manager ({@code condure_bin}), and the same scenarios with
 * Debian's Condure when it is installed: the runner starts, logs and stops it; plain proxying, GRIP
 * streaming and long-polling, WebSocket-over-HTTP and WebSocket publishing, crowds and clients that
 * leave. Each scenario asserts the expected result for each manager and records a one-line
 * observation; {@link #managersAgree()} then requires the observations of both managers to be equal.
 * Needs Debian's {@code pushpin} and {@code zurl} (skipped otherwise); installs nothing. Run alone
 * with {@code mvn test -Dgroups=pushpin} (or {@code -Dtest=PushpinDropInTest}). Test thread.
 */
@Tag("pushpin")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = PushpinDropInTest.TEST_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
class PushpinDropInTest {
    static final long TEST_TIMEOUT_SECONDS = 90;
    private static final Path ZURL = Path.of("/usr/bin/zurl");
    /** {@code -Dpushpin.keep=true} keeps the configs and logs in /tmp/pushpin-dropin-* for inspection. */
    private static final String KEEP_PROPERTY = "pushpin.keep";

    private final Path projectDir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private final Map<String, PushpinInstance> running = new LinkedHashMap<>();
    private final Map<String, RuntimeException> failedStarts = new LinkedHashMap<>();
    /** scenario → manager → observation. */
    private final Map<String, Map<String, String>> observations = new ConcurrentHashMap<>();
    private Path workDir;
    private GripOrigin origin;

    @BeforeAll
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(PushpinInstance.PUSHPIN), "Pushpin is not installed (apt-get install pushpin)");
        assumeTrue(Files.isExecutable(ZURL), "zurl is not installed (a dependency of Debian's pushpin)");
        workDir = Files.createTempDirectory(Path.of("/tmp"), "pushpin-dropin-");
        origin = new GripOrigin();
    }

    Stream<String> managers() {
        return ConnectionManager.debianCondureInstalled()
                ? Stream.of(ConnectionManager.CONDURE_JAVA, ConnectionManager.CONDURE)
                : Stream.of(ConnectionManager.CONDURE_JAVA);
    }

    /** The running Pushpin for a manager, started on first use; a failed start is not retried. */
    private PushpinInstance pushpin(String manager) throws IOException {
        RuntimeException failed = failedStarts.get(manager);
        if (failed != null) {
            throw new IllegalStateException("Pushpin with " + manager + " failed to start earlier", failed);
        }
        PushpinInstance p = running.get(manager);
        if (p == null) {
            ConnectionManager m = manager.equals(ConnectionManager.CONDURE_JAVA)
                    ? ConnectionManager.condureJava(projectDir, workDir) : ConnectionManager.debianCondure();
            try {
                p = new PushpinInstance(m, origin.port(), workDir.resolve(manager));
            } catch (RuntimeException e) {
                failedStarts.put(manager, e);
                throw e;
            }
            running.put(manager, p);
        }
        return p;
    }

    private void observe(String scenario, String manager, String observation) {
        observations.computeIfAbsent(scenario, k -> new ConcurrentHashMap<>()).put(manager, observation);
    }

    /** Runs a scenario, records its observation and prints its duration (not asserted: for the README). */
    private void run(String scenario, String manager, Scenario body) throws Exception {
        PushpinInstance p = pushpin(manager);
        long start = System.nanoTime();
        String observation = body.run(p);
        System.out.printf("timing %s %s %d ms%n", scenario, manager, (System.nanoTime() - start) / 1_000_000);
        observe(scenario, manager, observation);
    }

    /** One scenario against a running Pushpin; returns its observation. */
    @FunctionalInterface
    interface Scenario {
        String run(PushpinInstance p) throws Exception;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void runnerStartsTheManagerWithItsEndpointsAndLog(String manager) throws Exception {
        run("start", manager, RunnerScenarios::started);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void getAndHead(String manager) throws Exception {
        run("getAndHead", manager, p -> ProxyScenarios.getAndHead(p.httpPort()));
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void post20MiBArrivesIntact(String manager) throws Exception {
        run("post", manager, p -> ProxyScenarios.upload(p.httpPort(), "POST"));
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void put20MiBArrivesIntact(String manager) throws Exception {
        run("put", manager, p -> ProxyScenarios.upload(p.httpPort(), "PUT"));
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void chunkedRequestBody(String manager) throws Exception {
        run("chunkedUpload", manager, p -> ProxyScenarios.chunkedUpload(p.httpPort()));
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void large20MiBResponse(String manager) throws Exception {
        run("largeResponse", manager,
                p -> ProxyScenarios.download(p.httpPort(), "bytes", ProxyScenarios.LARGE_BYTES));
    }

    @Order(7)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void chunkedResponseBody(String manager) throws Exception {
        run("chunkedResponse", manager,
                p -> ProxyScenarios.download(p.httpPort(), "chunked", ProxyScenarios.CHUNKED_BYTES));
    }

    @Order(8)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void keepAliveAndPipelining(String manager) throws Exception {
        run("pipelining", manager, p -> ProxyScenarios.keepAliveAndPipelining(p.httpPort()));
    }

    @Order(9)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void expectContinue(String manager) throws Exception {
        run("100-continue", manager, p -> ProxyScenarios.expectContinue(p.httpPort()));
    }

    @Order(10)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void gripStreamDeliversPublishedMessagesInOrder(String manager) throws Exception {
        run("stream", manager, GripScenarios::streaming);
    }

    @Order(11)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void gripLongPollGetsThePublishedResponse(String manager) throws Exception {
        run("longPoll", manager, GripScenarios::longPoll);
    }

    @Order(12)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void gripLongPollTimesOutWithTheOriginBody(String manager) throws Exception {
        run("longPollTimeout", manager, GripScenarios::longPollTimeout);
    }

    @Order(13)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void webSocketOverHttpEchoAndClose(String manager) throws Exception {
        run("wsEcho", manager, GripScenarios::webSocketEcho);
    }

    @Order(14)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void webSocketSubscriberGetsPublishedMessages(String manager) throws Exception {
        run("wsPublish", manager, GripScenarios::webSocketPublish);
    }

    @Order(15)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void hundredsOfConcurrentStreams(String manager) throws Exception {
        run("crowd", manager, CrowdScenarios::manyStreams);
    }

    @Order(16)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void clientsLeavingMidStreamDoNotHarmOthers(String manager) throws Exception {
        run("leaving", manager, CrowdScenarios::clientsLeaveMidStream);
    }

    @Order(90)
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void runnerStopsTheManager(String manager) throws Exception {
        run("stop", manager, RunnerScenarios::stopped);
    }

    @Order(99)
    @Test
    void managersAgree() {
        assumeTrue(ConnectionManager.debianCondureInstalled(), "Debian's condure is not installed: nothing to compare");
        List<String> differences = new ArrayList<>();
        observations.forEach((scenario, byManager) -> {
            String ours = byManager.get(ConnectionManager.CONDURE_JAVA);
            String theirs = byManager.get(ConnectionManager.CONDURE);
            if (ours != null && theirs != null && !ours.equals(theirs)) {
                differences.add(scenario + ":\n  condure-java: " + ours + "\n  condure:      " + theirs);
            }
        });
        assertEquals(List.of(), differences, "observations differ between managers");
    }

    @AfterAll
    void tearDown() throws IOException {
        for (PushpinInstance p : running.values()) {
            p.close();
            System.out.println("=== Pushpin with " + p.manager() + "\n" + p.logs());
        }
        observations.forEach((s, m) -> System.out.println("observed " + s + ": " + m));
        if (origin != null) {
            origin.close();
        }
        if (workDir != null && Boolean.getBoolean(KEEP_PROPERTY)) {
            System.out.println("kept " + workDir);
        } else if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
