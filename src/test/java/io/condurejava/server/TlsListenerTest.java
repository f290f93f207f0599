package io.condurejava.server;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.tls.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --listen PORT,tls: curl over HTTPS with the certificate chosen by SNI, https uris, start-up checks. */
class TlsListenerTest {

    @Test
    void curlOverTlsReachesTheHandlerWithAnHttpsUri(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/usr/bin/curl").canExecute(), "curl is not installed");
        TestPki pki = new TestPki(dir.resolve("pki"));
        Path identities = Files.createDirectories(dir.resolve("certs"));
        pki.identity(identities, "default_443", TestPki.KeyFormat.SEC1_EC, "default.test");
        pki.identity(identities, "example.com", TestPki.KeyFormat.PKCS1_RSA, "example.com");
        try (ServerFixture fixture = ServerFixture.start("--listen=127.0.0.1:0,tls,default-cert=default_443",
                "--tls-identities-dir=" + identities);
             AutoHandler handler = new AutoHandler(fixture.base())) {
            int port = fixture.port();
            for (String host : new String[] {"example.com", "default.test"}) {
                // example.com by SNI, default.test through the default identity (no file of its own)
                Process curl = new ProcessBuilder("curl", "-s", "-m", "10", "--cacert", pki.caCert.toString(),
                        "--resolve", host + ":" + port + ":127.0.0.1", "https://" + host + ":" + port + "/secure").start();
                String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(curl.waitFor(15, TimeUnit.SECONDS));
                assertEquals(0, curl.exitValue(), "curl verified the certificate for " + host);
                assertEquals("hello https://" + host + ":" + port + "/secure", body);
            }
            try (RawClient plaintext = fixture.connect()) {
                plaintext.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(plaintext.isClosedByServer(), "plaintext on a TLS port is closed");
            }
        }
    }

    @Test
    void missingDefaultCertStopsStartUpNamingTheFile(@TempDir Path dir) throws Exception {
        CliRequest request = ConfigLoader.load(new String[] {"--listen=127.0.0.1:0,tls,default-cert=nope",
                "--tls-identities-dir=" + dir, "--zclient-stream=ipc://" + dir.resolve("c")}, Map.of());
        Server.StartupException e = assertThrows(Server.StartupException.class,
                () -> Server.start(((CliRequest.Run) request).settings()));
        assertTrue(e.getMessage().contains("nope.crt") || e.getMessage().contains("nope.key"), e.getMessage());
        CliRequest noDir = ConfigLoader.load(new String[] {"--listen=127.0.0.1:0,tls",
                "--tls-identities-dir=" + dir.resolve("missing"), "--zclient-stream=ipc://" + dir.resolve("d")}, Map.of());
        Server.StartupException missing = assertThrows(Server.StartupException.class,
                () -> Server.start(((CliRequest.Run) noDir).settings()));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }
}
