package io.condurejava.server.ws;

import io.condurejava.testutil.BrowserPageHandler;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser: headless Chromium (Debian's chromium) loads a page served through condure-java,
 * whose script opens a WebSocket back through condure-java, sends "hello browser" and writes the
 * echo into the title; the dumped DOM must show it. Skipped when chromium is not installed.
 */
class WebSocketBrowserTest {
    private static final long BROWSER_TIMEOUT_SECONDS = 40;
    private static final String VIRTUAL_TIME_BUDGET_MS = "5000";

    private static Path chromium() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    @Test
    void chromiumGetsItsMessageEchoedThroughCondureJava() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (Debian: apt-get install -y chromium); browser test skipped");
        Path profile = Files.createTempDirectory("cj-chromium-");
        File stderr = File.createTempFile("chromium", ".log");
        try (ServerFixture fixture = ServerFixture.start(); BrowserPageHandler handler = new BrowserPageHandler(fixture.base())) {
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS, "--dump-dom",
                    "http://127.0.0.1:" + fixture.port() + "/page"));
            Process browser = new ProcessBuilder(command).redirectError(stderr).start();
            String dom;
            try {
                browser.getOutputStream().close();
                boolean exited = browser.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                dom = exited ? new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
                assertTrue(exited, "chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s; stderr:\n" + tail(stderr));
            } finally {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly().waitFor();
            }
            assertTrue(dom.contains("<title>echo:hello browser</title>"), "dumped DOM:\n" + dom + "\nstderr:\n" + tail(stderr));
            // both the page and the WebSocket went through condure-java to the handler
            assertTrue(handler.all.stream().anyMatch(r -> r.initial() && r.payload() instanceof Data d
                    && d.uri().endsWith("/page")), "the page was served by the handler");
            assertTrue(handler.all.stream().anyMatch(r -> !r.initial() && r.payload() instanceof Data d
                    && "hello browser".equals(new String(d.body(), StandardCharsets.UTF_8))), "the message reached the handler");
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.all.stream()
                    .anyMatch(r -> r.payload() instanceof Close c && c.code() == 1000));
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.server().liveSessions() == 0);
        } finally {
            Files.deleteIfExists(stderr.toPath());
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String tail(File file) {
        try {
            String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
