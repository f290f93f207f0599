package io.condurejava.tls;

import io.condurejava.tls.TestPki.KeyFormat;
import io.condurejava.tls.TlsTestClient.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each PEM key layout OpenSSL writes loads, matches its certificate and serves a real handshake. */
class KeyFormatsTest {
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

    private static String firstLine(KeyFormat format) {
        return switch (format) {
            case PKCS8_RSA, PKCS8_EC, PKCS8_ED25519 -> "-----BEGIN PRIVATE KEY-----";
            case PKCS1_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
            case SEC1_EC_WITH_PARAMETERS -> "-----BEGIN EC PARAMETERS-----";
            case SEC1_EC -> "-----BEGIN EC PRIVATE KEY-----";
        };
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void keyFormatLoadsAndServesAHandshake(KeyFormat format) throws Exception {
        pki.identity(dir, "example.com", format, "example.com");
        assertEquals(firstLine(format), Files.readAllLines(dir.resolve("example.com.key")).get(0),
                "openssl wrote the layout under test");
        TlsIdentities identities = TlsIdentities.open(dir);
        identities.requireIdentity("example.com");
        try (TlsTestServer server = new TlsTestServer(identities, null, false)) {
            Result r = client.exchange(server.port(), "example.com");
            assertEquals("example.com", r.servedCn());
            assertEquals("TLSv1.3", r.protocol());
            assertEquals("ping", r.echo());
        }
    }

    @Test
    void sec1KeyWithoutCurveTakesItFromEcParameters() throws Exception {
        pki.identity(dir, "example.com", KeyFormat.SEC1_EC_WITH_PARAMETERS, "example.com");
        Path key = dir.resolve("example.com.key");
        List<Pem.Block> blocks = Pem.parse(Files.readString(key));
        byte[] parameters = blocks.get(0).der();
        List<byte[]> kept = new ArrayList<>();
        for (Der.Element e : Der.parse(blocks.get(1).der()).children()) {
            if (e.tag() != Der.CONTEXT_0) {
                kept.add(e.encoded());
            }
        }
        byte[] withoutCurve = Der.encode(Der.SEQUENCE, kept.toArray(byte[][]::new));

        Files.writeString(key, pem("EC PARAMETERS", parameters) + pem("EC PRIVATE KEY", withoutCurve));
        TlsIdentities identities = TlsIdentities.open(dir);
        identities.requireIdentity("example.com");
        try (TlsTestServer server = new TlsTestServer(identities, "example.com", false)) {
            assertEquals("example.com", client.exchange(server.port(), null).servedCn());
        }

        Files.writeString(key, pem("EC PRIVATE KEY", withoutCurve));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("example.com"));
        assertEquals("tls key " + key + " is unreadable: EC private key names no curve and no EC PARAMETERS"
                + " block precedes it", e.getMessage());
    }

    @Test
    void encryptedPkcs8KeyIsRefusedClearly() throws Exception {
        Path key = dir.resolve("example.com.key");
        pki.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-128-cbc",
                "-pass", "pass:secret", "-out", key.toString());
        assertEncryptedRefused(key);
    }

    @Test
    void encryptedLegacyRsaKeyIsRefusedClearly() throws Exception {
        Path key = dir.resolve("example.com.key");
        pki.openssl("genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "-out", key.toString(), "2048");
        assertTrue(Files.readString(key).contains("Proc-Type: 4,ENCRYPTED"));
        assertEncryptedRefused(key);
    }

    private void assertEncryptedRefused(Path key) throws Exception {
        Path plainKey = dir.resolve("plain.key");
        pki.openssl("pkey", "-in", key.toString(), "-passin", "pass:secret", "-out", plainKey.toString());
        pki.certificate(dir.resolve("example.com.crt"), plainKey, "example.com");
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("example.com"));
        assertEquals(key, e.path());
        assertTrue(e.getMessage().startsWith("tls key " + key + " is unreadable: encrypted private keys are not"
                + " supported"), e.getMessage());
    }

    @Test
    void chainFileServesLeafAndIntermediates() throws Exception {
        pki.identity(dir, "example.com", KeyFormat.PKCS8_EC, "example.com");
        Path crt = dir.resolve("example.com.crt");
        Files.writeString(crt, Files.readString(crt) + Files.readString(pki.caCert));
        TlsIdentities identities = TlsIdentities.open(dir);
        try (TlsTestServer server = new TlsTestServer(identities, null, false)) {
            Result r = client.exchange(server.port(), "example.com");
            assertEquals("example.com", r.servedCn());
            assertEquals(2, r.chainLength());
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + new String(Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der), StandardCharsets.US_ASCII)
                + "\n-----END " + label + "-----\n";
    }
}
