package io.condurejava.logging;

import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Child-JVM program for {@link LoggingTest}: loads config, inits logging in Main's order, logs at every level. */
public final class LoggingProbe {
    private LoggingProbe() {
    }

    public static void main(String[] args) throws Exception {
        CliRequest.Run run = (CliRequest.Run) ConfigLoader.load(args, System.getenv());
        System.out.println("PROBE slf4j initialized by config: " + slf4jInitialized());
        Logging.init(run.settings().logLevel());
        Logger log = LoggerFactory.getLogger(LoggingProbe.class);
        log.error("probe error");
        log.warn("probe warn");
        log.info("probe info {}", 42);
        log.debug("probe debug");
        log.trace("probe trace");
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("jul.Probe");
        jul.warning("jul warning");
        jul.info("jul info");
        jul.fine("jul fine");
        jul.finest("jul finest");
        System.err.println("PROBE stderr end");
    }

    /** Whether SLF4J has bound a provider yet (LoggerFactory.INITIALIZATION_STATE != 0). */
    private static boolean slf4jInitialized() throws ReflectiveOperationException {
        Field f = LoggerFactory.class.getDeclaredField("INITIALIZATION_STATE");
        f.setAccessible(true);
        return f.getInt(null) != 0;
    }
}
