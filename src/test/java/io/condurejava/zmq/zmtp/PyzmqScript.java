package io.condurejava.zmq.zmtp;

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
 * A pyzmq (libzmq) script run by /usr/bin/python3 as a peer of a {@link ZmtpSocket}; the lines it prints are
 * gathered by a virtual thread. Skips the test when python3-zmq is missing. Test thread otherwise.
 */
final class PyzmqScript implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final long PROBE_SECONDS = 20;
    private static volatile Boolean usable;

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private PyzmqScript(Process process) {
        this.process = process;
        Thread.ofVirtual().name("pyzmq-output").start(this::gather);
    }

    /** Skips the calling test unless {@value #PYTHON} can {@code import zmq}. */
    static void assumeUsable() {
        if (usable == null) {
            usable = probe();
        }
        assumeTrue(usable, PYTHON + " cannot import zmq (Debian package python3-zmq)");
    }

    /** Starts {@code python3 -c script args...}; stderr is merged into the output. */
    static PyzmqScript run(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        return new PyzmqScript(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Lines printed so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    boolean running() {
        return process.isAlive();
    }

    /** Waits up to {@code seconds} for the script to end and returns its exit code. */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("python script still running after " + seconds + " s; output " + output);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void gather() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        } catch (IOException | RuntimeException e) {
            output.add("(reading the output failed: " + e + ")");
        }
    }

    private static boolean probe() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
            try {
                return probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS) && probe.exitValue() == 0;
            } finally {
                probe.destroyForcibly();
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
