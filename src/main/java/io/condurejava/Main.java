package io.condurejava;

import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigException;
import io.condurejava.config.ConfigLoader;
import io.condurejava.config.FeatureGate;
import io.condurejava.config.Settings;
import io.condurejava.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: Condure's flags and the configuration sources become {@link Settings},
 * logging is set up, the virtual-thread scheduler is sized from --workers, and the {@link Server}
 * runs until SIGTERM/SIGINT. Runs on the main thread; stopping runs on the JVM's shutdown-hook thread.
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
        log.info("starting...");
        Server server;
        try {
            server = Server.start(settings);
        } catch (Server.StartupException e) {
            log.error(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            log.info("stopping...");
            server.close();
            log.info("stopped");
            System.out.flush();
            stopped.countDown();
            Runtime.getRuntime().halt(0); // a requested stop is a success (Condure exits 0 after SIGTERM)
        }));
        log.info("started");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
