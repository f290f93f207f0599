package io.condurejava;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Switches every thread of this process to Linux's SCHED_BATCH policy (key {@code batch-scheduling}),
 * so that a thread woken by another does not preempt it; it waits for a free core or for the end of
 * the running thread's time slice. Why: JeroMQ signals a socket by writing a byte to a pipe and only
 * then counting it. A reader woken by that write which runs before the writer has counted it (on the
 * writer's own core, by preempting it) sees the byte, finds no command, and polls again at once: it
 * spins until the writer is scheduled again, up to a whole slice. The ZeroMQ thread and JeroMQ's I/O
 * thread wake each other for every message, so on two cores most round trips paid this; under
 * SCHED_BATCH keep-alive GET went from about 0.45x to 1.0x Condure's throughput and its CPU per
 * request from 110 to 30 µs (bench/RESULTS.md). No privilege is needed to pick SCHED_BATCH. Java has
 * no API for a thread's policy, so util-linux {@code chrt} does it; off Linux or without chrt nothing
 * changes. Main thread, once, before the server starts (threads created later inherit the policy).
 */
final class BatchScheduling {
    static final long CHRT_TIMEOUT_MILLIS = 5_000;

    private BatchScheduling() {
    }

    /** Returns true when every thread now runs under SCHED_BATCH; logs why not otherwise. */
    static boolean apply(Logger log) {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) {
            log.debug("batch-scheduling: not Linux, scheduler policy left alone");
            return false;
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        ProcessBuilder chrt = new ProcessBuilder("chrt", "--all-tasks", "--batch", "--pid", "0", pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = chrt.start();
            if (!process.waitFor(CHRT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.warn("batch-scheduling: chrt did not finish within {} ms; scheduler policy left alone",
                        CHRT_TIMEOUT_MILLIS);
                return false;
            }
            if (process.exitValue() != 0) {
                log.warn("batch-scheduling: chrt exited with {}; scheduler policy left alone", process.exitValue());
                return false;
            }
            log.debug("batch-scheduling: all threads under SCHED_BATCH");
            return true;
        } catch (IOException e) {
            log.info("batch-scheduling: chrt (util-linux) not found, scheduler policy left alone: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
