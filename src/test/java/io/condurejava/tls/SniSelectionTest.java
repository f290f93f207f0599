package io.condurejava.tls;

import io.condurejava.tls.TestPki.KeyFormat;
import io.condurejava.tls.TlsTestClient.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificate choice by SNI over real sockets, Condure's order: name, one-level wildcard, default-cert. */
class SniSelectionTest {
    private static final long WAIT_SECONDS = 10;

    @TempDir
    static Path tmp;
    static TestPki pki;
    static TlsIdentities identities;
    static TlsTestClient client;
    static TlsTestServer withDefault;
    static TlsTestServer withoutDefault;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(tmp.resolve("pki"));
        Path dir = tmp.resolve("identities");
        java.nio.file.Files.createDirectories(dir);
        pki.identity(dir, "default_443", KeyFormat.PKCS8_RSA);
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC, "example.com");
        pki.identity(dir, "_.example.com", KeyFormat.PKCS1_RSA, "*.example.com");
        identities = TlsIdentities.open(dir);
        identities.requireIdentity("default_443");
        client = new TlsTestClient(pki.caCert);
        withDefault = new TlsTestServer(identities, "default_443", false);
        withoutDefault = new TlsTestServer(identities, null, false);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (withDefault != null) {
            withDefault.close();
            withoutDefault.close();
        }
    }

    private static Result exchange(TlsTestServer server, String sni, String... alpn) throws Exception {
        server.accepted.clear();
        server.failures.clear();
        return client.exchange(server.port(), sni, alpn);
    }

    @Test
    void exactNameGetsItsOwnCertificate() throws Exception {
        Result r = exchange(withDefault, "example.com");
        assertEquals("example.com", r.servedCn());
        assertEquals("ping", r.echo());
        TlsTestServer.Accepted a = withDefault.accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(a);
        assertEquals("example.com", a.serverName());
        assertEquals(0, a.soTimeoutAfter(), "the handshake timeout is reset after the handshake");
    }

    @Test
    void nameIsLowerCasedBeforeLookup() throws Exception {
        assertEquals("example.com", exchange(withDefault, "EXAMPLE.Com").servedCn());
    }

    @Test
    void subdomainGetsWildcardIdentity() throws Exception {
        assertEquals("_.example.com", exchange(withDefault, "www.example.com").servedCn());
    }

    @Test
    void wildcardCoversOneLevelOnly() throws Exception {
        assertEquals("default_443", exchange(withDefault, "a.b.example.com").servedCn());
    }

    @Test
    void unknownNameGetsDefault() throws Exception {
        assertEquals("default_443", exchange(withDefault, "unknown.test").servedCn());
    }

    @Test
    void noServerNameGetsDefault() throws Exception {
        Result r = exchange(withDefault, null);
        assertEquals("default_443", r.servedCn());
        TlsTestServer.Accepted a = withDefault.accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(a);
        assertNull(a.serverName());
    }

    @Test
    void withoutDefaultKnownNamesStillWork() throws Exception {
        assertEquals("example.com", exchange(withoutDefault, "example.com").servedCn());
        assertEquals("_.example.com", exchange(withoutDefault, "api.example.com").servedCn());
    }

    @Test
    void withoutDefaultUnknownNameFailsTheHandshake() throws Exception {
        assertThrows(SSLHandshakeException.class, () -> exchange(withoutDefault, "unknown.test"));
        Throwable failure = withoutDefault.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(SSLHandshakeException.class, failure);
        assertEquals("no certificate for server name unknown.test and the listener has no default-cert",
                failure.getMessage());
    }

    @Test
    void withoutDefaultNoServerNameFailsTheHandshake() throws Exception {
        assertThrows(SSLHandshakeException.class, () -> exchange(withoutDefault, null));
        Throwable failure = withoutDefault.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(failure);
        assertTrue(failure.getMessage().startsWith("client sent no server name"), failure.getMessage());
    }

    @Test
    void defaultCertWithoutFilesFailsAtHandshakeNotBefore() throws Exception {
        try (TlsTestServer server = new TlsTestServer(identities, "nonexistent", false)) {
            assertEquals("example.com", exchange(server, "example.com").servedCn());
            assertThrows(SSLHandshakeException.class, () -> exchange(server, "other.test"));
            Throwable failure = server.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(failure);
            assertTrue(failure.getMessage().endsWith("default-cert nonexistent is unusable"), failure.getMessage());
        }
    }

    @Test
    void alpnPrefersHttp11() throws Exception {
        assertEquals("http/1.1", exchange(withDefault, "example.com", "h2", "http/1.1").applicationProtocol());
        TlsTestServer.Accepted a = withDefault.accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(a);
        assertEquals("http/1.1", a.applicationProtocol());
    }

    @Test
    void alpnWithoutHttp11GoesOnWithoutAlpn() throws Exception {
        Result r = exchange(withDefault, "example.com", "h2");
        assertEquals("", r.applicationProtocol());
        assertEquals("ping", r.echo());
    }

    @Test
    void tls12WorksForRsaAndEcIdentities() throws Exception {
        List<String> tls12 = List.of("TLSv1.2");
        Result rsa = client.exchange(withDefault.port(), "x.test", List.of(), tls12);
        assertEquals("default_443", rsa.servedCn());
        assertEquals("TLSv1.2", rsa.protocol());
        assertEquals("example.com", client.exchange(withDefault.port(), "example.com", List.of(), tls12).servedCn());
    }

    @Test
    void plaintextClientIsDroppedAtOnce() throws Exception {
        withDefault.failures.clear();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), withDefault.port())) {
            s.setSoTimeout(TlsTestClient.CLIENT_TIMEOUT_MILLIS);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Throwable failure = withDefault.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(SSLException.class, failure);
            assertClosedByPeer(s.getInputStream());
        }
    }

    @Test
    void concurrentHandshakesEachGetTheirCertificate() throws Exception {
        String[][] cases = {{"example.com", "example.com"}, {"www.example.com", "_.example.com"},
                {"none.test", "default_443"}, {null, "default_443"}};
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String[] c = cases[i % cases.length];
            tasks.add(() -> {
                assertEquals(c[1], client.exchange(withDefault.port(), c[0]).servedCn());
                return null;
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        }
    }

    /** Reads until EOF or reset; a timeout means the server kept the connection open. */
    static void assertClosedByPeer(InputStream in) {
        try {
            byte[] buffer = new byte[512];
            while (in.read(buffer) >= 0) {
                // an alert may come first
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection", e);
        } catch (IOException e) {
            // reset by peer: closed
        }
    }
}
