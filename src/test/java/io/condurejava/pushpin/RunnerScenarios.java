package io.condurejava.pushpin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Pushpin's runner does with the connection manager: the command line it starts it with, the
 * {@code ipc://} endpoints it must bind, the log file, and the stop. Each returns an observation. Test thread.
 */
final class RunnerScenarios {
    static final List<String> CONDURE_ENDPOINTS = List.of("condure-out", "condure-out-stream", "condure-in");
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private RunnerScenarios() {
    }

    /** The manager runs with Pushpin 1.36's flags, has bound its three Unix sockets and logs to condure.log. */
    static String started(PushpinInstance p) throws Exception {
        long pid = p.connectionManagerPid();
        assertTrue(p.processTree().stream().anyMatch(h -> h.pid() == pid && h.isAlive()),
                "condure.pid names a live child of the runner");
        List<String> args = List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
        String logLevel = args.stream().filter(a -> a.startsWith("--log-level")).findFirst()
                .orElseThrow(() -> new AssertionError("no --log-level in " + args));
        String flags = String.join(" ", args.subList(args.indexOf(logLevel), args.size()))
                .replace(p.runDir().toString(), "RUNDIR").replace(":" + p.httpPort() + ",", ":PORT,");
        assertEquals("--log-level=2 --listen=127.0.0.1:PORT,stream --zclient-stream=ipc://RUNDIR/pushpin-condure"
                + " --buffer-size=8192 --stream-maxconn=50000", flags);
        for (String e : CONDURE_ENDPOINTS) {
            Path socket = p.runDir().resolve(PushpinInstance.IPC_PREFIX + e);
            assertTrue(Files.readAttributes(socket, BasicFileAttributes.class).isOther(), socket + " is a Unix socket");
        }
        Path log = p.logDir().resolve("condure.log");
        await("condure.log says started").atMost(LOG_WAIT).until(() -> Files.exists(log)
                && Files.readString(log, StandardCharsets.ISO_8859_1).contains("started"));
        return flags + " endpoints=" + CONDURE_ENDPOINTS + " log=condure.log";
    }

    /**
     * SIGTERM to the runner: it exits 0, nothing it started is left running, and the manager has
     * removed its socket files and logged its stop.
     */
    static String stopped(PushpinInstance p) throws Exception {
        long pid = p.connectionManagerPid();
        PushpinInstance.StopReport report = p.stop();
        assertEquals(0, report.exitStatus(), "runner exit status\n" + p.logs());
        assertEquals(List.of(), report.survivors(), "processes left behind");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "connection manager gone");
        List<String> left = new ArrayList<>();
        for (String e : CONDURE_ENDPOINTS) {
            if (Files.exists(p.runDir().resolve(PushpinInstance.IPC_PREFIX + e))) {
                left.add(e);
            }
        }
        String log = Files.readString(p.logDir().resolve("condure.log"), StandardCharsets.ISO_8859_1);
        assertEquals(List.of(), left, "socket files left in the run directory; condure.log:\n" + log);
        assertTrue(log.contains("stopped"), "condure.log ends with the stop");
        return "exit " + report.exitStatus() + " socket files left " + left + " pid file "
                + Files.exists(p.runDir().resolve("condure.pid"));
    }
}
