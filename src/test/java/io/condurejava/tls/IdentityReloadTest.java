package io.condurejava.tls;

import io.condurejava.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identities follow their files: reloads on mtime change, keep the old one on a bad reload, drop deleted ones. */
class IdentityReloadTest {
    private static final long WAIT_SECONDS = 10;

    @TempDir
    static Path shared;
    static TestPki pki;
    static TlsTestClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(shared.resolve("pki"));
        client = new TlsTestClient(pki.caCert);
    }

    /** Replaces {@code target} by {@code source} atomically and moves its mtime forward. */
    private static void replace(Path source, Path target, int secondsLater) throws Exception {
        Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void newCertificateIsServedAtTheNextHandshake() throws Exception {
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC, "example.com");
        TlsIdentities identities = TlsIdentities.open(dir, 0);
        try (TlsTestServer server = new TlsTestServer(identities, null, false)) {
            assertEquals("example.com", client.exchange(server.port(), "example.com").servedCn());
            Path next = dir.resolve("next.crt");
            pki.certificate(next, dir.resolve("example.com.key"), "example.com v2", "example.com");
            replace(next, dir.resolve("example.com.crt"), 5);
            assertEquals("example.com v2", client.exchange(server.port(), "example.com").servedCn());
        }
    }

    @Test
    void reloadCheckRunsAboutOncePerSecond() throws Exception {
        pki.identity(dir, "example.com", KeyFormat.PKCS8_EC, "example.com");
        TlsIdentities identities = TlsIdentities.open(dir);
        try (TlsTestServer server = new TlsTestServer(identities, null, false)) {
            assertEquals("example.com", client.exchange(server.port(), "example.com").servedCn());
            Path next = dir.resolve("next.crt");
            pki.certificate(next, dir.resolve("example.com.key"), "example.com v2", "example.com");
            replace(next, dir.resolve("example.com.crt"), 5);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.exchange(server.port(), "example.com").servedCn().equals("example.com v2"));
        }
    }

    @Test
    void badReloadKeepsThePreviousIdentityUntilTheFilesAreFixed() throws Exception {
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC, "example.com");
        TlsIdentities identities = TlsIdentities.open(dir, 0);
        try (TlsTestServer server = new TlsTestServer(identities, null, false)) {
            assertEquals("example.com", client.exchange(server.port(), "example.com").servedCn());
            // a rotation writes the new key first: for a moment key and certificate do not match
            Path newKey = dir.resolve("new.key");
            pki.newKey(KeyFormat.PKCS8_RSA, newKey);
            Path newCrt = dir.resolve("new.crt");
            pki.certificate(newCrt, newKey, "example.com v2", "example.com");
            replace(newKey, dir.resolve("example.com.key"), 5);
            assertEquals("example.com", client.exchange(server.port(), "example.com").servedCn());
            replace(newCrt, dir.resolve("example.com.crt"), 6);
            assertEquals("example.com v2", client.exchange(server.port(), "example.com").servedCn());
        }
    }

    @Test
    void deletedIdentityIsDropped() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC, "example.com");
        TlsIdentities identities = TlsIdentities.open(dir, 0);
        try (TlsTestServer server = new TlsTestServer(identities, "default", false)) {
            assertEquals("example.com", client.exchange(server.port(), "example.com").servedCn());
            Files.delete(dir.resolve("example.com.key"));
            assertEquals("default", client.exchange(server.port(), "example.com").servedCn());
        }
    }

    @Test
    void identityAddedAfterStartIsFound() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        TlsIdentities identities = TlsIdentities.open(dir);
        try (TlsTestServer server = new TlsTestServer(identities, "default", false)) {
            assertEquals("default", client.exchange(server.port(), "late.test").servedCn());
            pki.identity(dir, "late.test", KeyFormat.SEC1_EC, "late.test");
            assertEquals("late.test", client.exchange(server.port(), "late.test").servedCn());
        }
    }

    @Test
    void expiredCertificateIsServedAndTheClientRejectsIt() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        pki.newKey(KeyFormat.SEC1_EC, dir.resolve("old.test.key"));
        pki.expiredCertificate(dir.resolve("old.test.crt"), dir.resolve("old.test.key"), "old.test");
        TlsIdentities identities = TlsIdentities.open(dir);
        identities.requireIdentity("old.test"); // loads: Condure serves what it finds
        try (TlsTestServer server = new TlsTestServer(identities, "default", false)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> client.exchange(server.port(), "old.test"));
            assertTrue(hasCause(e, CertificateExpiredException.class), "client saw an expired certificate");
            assertNotNull(server.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS), "server side closed too");
            assertEquals("default", client.exchange(server.port(), "other.test").servedCn(), "server still serves");
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
