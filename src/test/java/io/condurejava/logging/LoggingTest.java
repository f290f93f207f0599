package io.condurejava.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging set-up in a fresh JVM each time (slf4j-simple reads its settings once per JVM): format,
 * level mapping, stdout, the java.util.logging bridge, and the file / built-in copy lookup.
 */
class LoggingTest {
    private static final long CHILD_TIMEOUT_SECONDS = 30;
    private static final String LINE_START = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} ";

    @TempDir
    Path dir;

    /** Runs LoggingProbe with {@code condure.home} = home and the given condure flags; returns stdout, stderr. */
    private static List<String> probe(Path home, String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dcondure.home=" + home,
                LoggingProbe.class.getName()));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        // The child writes a few hundred bytes, far below pipe buffers, so reading after exit is safe.
        assertTrue(p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "probe finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out + err);
        return List.of(out, err);
    }

    @Test
    void infoLevelWritesCondureLikeLinesToStdout() throws Exception {
        List<String> r = probe(Path.of("").toAbsolutePath(), "--log-level=2");
        String out = r.get(0);
        assertTrue(out.contains("PROBE slf4j initialized by config: false"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(LINE_START + "\\[INFO\\] LoggingProbe - probe info 42")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(LINE_START + "\\[WARN\\] LoggingProbe - probe warn")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(LINE_START + "\\[ERROR\\] LoggingProbe - probe error")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(LINE_START + "\\[INFO\\] Probe - jul info")), out);
        assertFalse(out.contains("probe debug") || out.contains("jul fine"), out);
        assertEquals("PROBE stderr end", r.get(1).strip(), "nothing logged to stderr");
    }

    @Test
    void traceLevelLetsEverythingThroughIncludingJul() throws Exception {
        String out = probe(Path.of("").toAbsolutePath(), "--log-level=4").get(0);
        for (String s : List.of("[DEBUG] LoggingProbe - probe debug", "[TRACE] LoggingProbe - probe trace",
                "[DEBUG] Probe - jul fine", "[TRACE] Probe - jul finest")) {
            assertTrue(out.contains(s), s + " in\n" + out);
        }
    }

    @Test
    void errorLevelFromEnvironmentOrFileIsHonoured() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/condure-java.properties"), "condure.log-level=0\n");
        String out = probe(dir).get(0);
        assertTrue(out.contains("probe error"), out);
        assertFalse(out.contains("probe warn") || out.contains("jul warning"), out);
    }

    @Test
    void builtInCopyIsUsedWithoutFileAndFileWinsWhenPresent() throws Exception {
        String builtIn = probe(dir).get(0);
        assertTrue(builtIn.lines().anyMatch(l -> l.matches(LINE_START + "\\[INFO\\] LoggingProbe - probe info 42")),
                builtIn);
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/logging.properties"),
                "org.slf4j.simpleLogger.logFile=System.out\norg.slf4j.simpleLogger.showDateTime=false\norg.slf4j.simpleLogger.showShortLogName=false\n"
                        + "org.slf4j.simpleLogger.showLogName=true\norg.slf4j.simpleLogger.levelInBrackets=false\n");
        String custom = probe(dir).get(0);
        assertTrue(custom.contains("] INFO io.condurejava.logging.LoggingProbe - probe info 42"), custom);
    }

    @Test
    void levelMapping() {
        assertEquals(List.of("error", "warn", "info", "debug", "trace", "trace"),
                List.of(0, 1, 2, 3, 4, 9).stream().map(Logging::slf4jLevel).toList());
        assertEquals(List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE, Level.FINEST),
                List.of(0, 1, 2, 3, 4).stream().map(Logging::julLevel).toList());
    }
}
