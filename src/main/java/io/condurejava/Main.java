package io.condurejava;

import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigException;
import io.condurejava.config.ConfigLoader;
import io.condurejava.config.FeatureGate;
import io.condurejava.config.Settings;
import io.condurejava.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Command-line entry point: Condure's flags and the configuration sources become {@link Settings},
 * logging is set up, the virtual-thread scheduler is sized from --workers, and the {@link Server}
 * runs until SIGTERM/SIGINT. Runs on the main thread; stopping runs on a "stopper" thread.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Settings settings;
        try {
            CliRequest request = ConfigLoader.load(args, System.getenv());
            if (request instanceof CliRequest.PrintAndExit print) {
                System.out.println(print.text());
                System.exit(0);
                return;
            }
            settings = ((CliRequest.Run) request).settings();
            FeatureGate.check(settings);
        } catch (ConfigException e) {
            System.err.println("[ERR] " + e.getMessage());
            System.exit(1);
            return;
        }
        Logging.init(settings.logLevel());
        // Must happen before the first virtual thread exists: --workers sizes the carrier pool.
        System.setProperty("jdk.virtualThreadScheduler.parallelism", Integer.toString(settings.workers()));
        System.setProperty("jdk.virtualThreadScheduler.maxPoolSize", Integer.toString(Math.max(256, settings.workers())));
        Logger log = LoggerFactory.getLogger("condure");
        if (settings.batchScheduling()) {
            BatchScheduling.apply(log); // before the server's threads exist: they inherit the policy
        }
        log.info("starting...");
        Server server;
        try {
            server = Server.start(settings);
        } catch (Server.StartupException e) {
            log.error(e.getMessage());
            System.exit(1);
            return;
        }
        installSignalHandlers(server, Duration.ofSeconds(settings.shutdownTimeoutSeconds()), log);
        log.info("started");
        // Every other thread is a daemon: the main thread keeps the process alive until a signal stops it.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM / SIGINT: the first starts a graceful stop and exits 0 when it is done; a second one
     * exits at once with status 1 (as Condure). The stop runs on its own platform thread.
     */
    private static void installSignalHandlers(Server server, Duration grace, Logger log) {
        AtomicInteger signals = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (signals.incrementAndGet() > 1) {
                log.warn("second SIG{}: exiting now", signal.getName());
                System.out.flush();
                Runtime.getRuntime().halt(1);
            }
            Thread.ofPlatform().name("stopper").start(() -> {
                log.info("stopping...");
                server.stopGracefully(grace);
                log.info("stopped");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
