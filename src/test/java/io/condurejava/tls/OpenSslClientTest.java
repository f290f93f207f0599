package io.condurejava.tls;

import io.condurejava.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptor profile and session resumption as OpenSSL's s_client sees them. */
class OpenSslClientTest {
    private static final long CLIENT_TIMEOUT_SECONDS = 15;
    private static final long WAIT_SECONDS = 10;

    @TempDir
    static Path tmp;
    static TestPki pki;
    static TlsTestServer server;

    /** What s_client printed and how it ended. */
    record Run(int exit, String output) {
        String servedCn() {
            for (String line : output.split("\n")) {
                if (line.startsWith("subject=")) {
                    return line.substring(line.indexOf("CN = ") + 5).strip();
                }
            }
            return null;
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(tmp.resolve("pki"));
        Path dir = Files.createDirectories(tmp.resolve("identities"));
        pki.identity(dir, "default", KeyFormat.PKCS8_RSA);
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC, "example.com");
        pki.identity(dir, "_.example.com", KeyFormat.PKCS8_EC, "*.example.com");
        server = new TlsTestServer(TlsIdentities.open(dir), "default", false);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static Run sClient(String... options) throws Exception {
        return sClient(server.port(), options);
    }

    private static Run sClient(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(TestPki.OPENSSL.toString(), "s_client", "-connect",
                "127.0.0.1:" + port, "-CAfile", pki.caCert.toString(), "-ign_eof"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("ping\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // s_client gave up before reading stdin: its output says why
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS), "s_client ended");
        return new Run(p.exitValue(), output);
    }

    @Test
    void tls13HandshakeWithSni() throws Exception {
        Run r = sClient("-servername", "www.example.com");
        assertEquals(0, r.exit(), r.output());
        assertEquals("_.example.com", r.servedCn());
        assertTrue(r.output().contains("Verify return code: 0 (ok)"), r.output());
        assertTrue(r.output().contains("New, TLSv1.3"), r.output());
    }

    @Test
    void tls12WithAeadSuite() throws Exception {
        Run r = sClient("-servername", "example.com", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
        assertEquals(0, r.exit(), r.output());
        assertEquals("example.com", r.servedCn());
        assertTrue(r.output().contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"), r.output());
    }

    @Test
    void tls12CbcSuitesAreRefused() throws Exception {
        server.failures.clear();
        Run r = sClient("-servername", "other.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384");
        assertNotEquals(0, r.exit(), r.output());
        assertNotNull(server.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void tls11IsRefused() throws Exception {
        server.failures.clear();
        Run r = sClient("-servername", "other.test", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertNotEquals(0, r.exit(), r.output());
        assertNotNull(server.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void tls12ResumesOnlyForTheSameServerName() throws Exception {
        Path session = tmp.resolve("tls12.session");
        Run first = sClient("-servername", "example.com", "-tls1_2", "-sess_out", session.toString());
        assertEquals(0, first.exit(), first.output());
        Run same = sClient("-servername", "example.com", "-tls1_2", "-sess_in", session.toString());
        assertEquals("example.com", same.servedCn());
        assertTrue(same.output().contains("Reused, TLSv1.2"), same.output());
        Run other = sClient("-servername", "www.example.com", "-tls1_2", "-sess_in", session.toString());
        assertEquals(0, other.exit(), other.output());
        assertTrue(other.output().contains("New, TLSv1.2"), other.output());
        assertEquals("_.example.com", other.servedCn());
    }

    @Test
    void tls13ResumesOnlyForTheSameServerName() throws Exception {
        Path session = tmp.resolve("tls13.session");
        Run first = sClient("-servername", "www.example.com", "-sess_out", session.toString());
        assertEquals(0, first.exit(), first.output());
        Run same = sClient("-servername", "www.example.com", "-sess_in", session.toString());
        assertTrue(same.output().contains("Reused, TLSv1.3"), same.output());
        assertEquals("_.example.com", same.servedCn());
        for (String other : new String[] {"api.example.com", "example.com"}) {
            Run r = sClient("-servername", other, "-sess_in", session.toString());
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("New, TLSv1.3"), r.output());
            assertEquals(other.equals("example.com") ? "example.com" : "_.example.com", r.servedCn());
        }
    }

    @Test
    void sessionsOfAReplacedCertificateAreNotResumed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reload"));
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC, "example.com");
        Path session = tmp.resolve("reload.session");
        try (TlsTestServer own = new TlsTestServer(TlsIdentities.open(dir, 0), null, false)) {
            Run first = sClient(own.port(), "-servername", "example.com", "-sess_out", session.toString());
            assertEquals(0, first.exit(), first.output());
            Path next = tmp.resolve("next.crt");
            pki.certificate(next, dir.resolve("example.com.key"), "example.com v2", "example.com");
            Files.move(next, dir.resolve("example.com.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(dir.resolve("example.com.crt"),
                    java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
            Run after = sClient(own.port(), "-servername", "example.com", "-sess_in", session.toString());
            assertEquals(0, after.exit(), after.output());
            assertTrue(after.output().contains("New, TLSv1.3"), after.output());
            assertEquals("example.com v2", after.servedCn());
        }
    }
}
