package io.condurejava.zmq.ipc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A short pyzmq (libzmq) script run as a subprocess, for ipc interop tests. Its stdout and stderr lines are
 * collected by a reader thread; everything else runs on the test thread.
 */
final class PythonPeer implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    static final long PROBE_TIMEOUT_SECONDS = 20;

    private static Boolean available;

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private PythonPeer(Process process) {
        this.process = process;
        Thread.ofVirtual().name("python-peer-output").start(this::collectOutput);
    }

    /** Skips the calling test unless /usr/bin/python3 can import zmq (Debian's python3-zmq). */
    static synchronized void assumeAvailable() {
        if (available == null) {
            available = probe();
        }
        assumeTrue(available, PYTHON + " with the zmq module (Debian package python3-zmq) is not available");
    }

    /** Starts {@code python3 -c script args...}. */
    static PythonPeer start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Lines printed so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the script to end; returns its exit code, or fails the test after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("python peer still running after " + seconds + " s; output: " + lines);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output read failed: " + e + ")");
        }
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
            try {
                return p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
