package io.condurejava.tls;

import io.condurejava.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** curl (OpenSSL underneath, offering h2 and http/1.1) fetches a page over our TLS with full verification. */
class CurlInteropTest {
    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final long CURL_TIMEOUT_SECONDS = 20;

    @TempDir
    Path tmp;

    private static String curl(int port, Path ca, String host) throws Exception {
        List<String> command = List.of(CURL.toString(), "-sS", "--max-time", "10", "--cacert", ca.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "-w", "|%{http_code}|%{http_version}",
                "https://" + host + ":" + port + "/");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(CURL_TIMEOUT_SECONDS, TimeUnit.SECONDS), "curl ended");
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void curlVerifiesAndFetchesByExactAndWildcardName() throws Exception {
        assumeTrue(Files.isExecutable(CURL), "curl not installed");
        TestPki pki = new TestPki(tmp.resolve("pki"));
        Path dir = Files.createDirectories(tmp.resolve("identities"));
        pki.identity(dir, "default_443", KeyFormat.PKCS8_RSA);
        pki.identity(dir, "example.com", KeyFormat.PKCS1_RSA, "example.com");
        pki.identity(dir, "_.example.com", KeyFormat.SEC1_EC_WITH_PARAMETERS, "*.example.com");
        TlsIdentities identities = TlsIdentities.open(dir);
        identities.requireIdentity("default_443");
        try (TlsTestServer server = new TlsTestServer(identities, "default_443", true)) {
            assertEquals(TlsTestServer.HTTP_BODY + "|200|1.1", curl(server.port(), pki.caCert, "example.com"));
            assertEquals(TlsTestServer.HTTP_BODY + "|200|1.1", curl(server.port(), pki.caCert, "www.example.com"));
            TlsTestServer.Accepted a = server.accepted.poll(10, TimeUnit.SECONDS);
            assertEquals("http/1.1", a == null ? null : a.applicationProtocol());
        }
    }
}
