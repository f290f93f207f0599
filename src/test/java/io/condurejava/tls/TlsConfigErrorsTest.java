package io.condurejava.tls;

import io.condurejava.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Start-up failures: each message names the directory or file at fault. */
class TlsConfigErrorsTest {
    @TempDir
    static Path shared;
    static TestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(shared.resolve("pki"));
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("no-such-dir");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsIdentities.open(missing));
        assertEquals("tls identities dir " + missing + " not found or not a directory", e.getMessage());
        assertEquals(missing, e.path());
    }

    @Test
    void directoryIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsIdentities.open(file));
        assertEquals("tls identities dir " + file + " not found or not a directory", e.getMessage());
    }

    @Test
    void missingCertificate() throws Exception {
        pki.newKey(KeyFormat.SEC1_EC, dir.resolve("default.key"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals("tls certificate " + dir.resolve("default.crt") + " not found", e.getMessage());
    }

    @Test
    void missingKey() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        Files.delete(dir.resolve("default.key"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals("tls key " + dir.resolve("default.key") + " not found", e.getMessage());
    }

    @Test
    void keyOfAnotherCertificate() throws Exception {
        pki.identity(dir, "default", KeyFormat.PKCS8_EC);
        pki.newKey(KeyFormat.PKCS8_EC, dir.resolve("default.key"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals("tls key " + dir.resolve("default.key") + " does not match certificate "
                + dir.resolve("default.crt"), e.getMessage());
    }

    @Test
    void rsaKeyOfAnotherCertificate() throws Exception {
        pki.identity(dir, "default", KeyFormat.PKCS1_RSA);
        pki.newKey(KeyFormat.PKCS8_EC, dir.resolve("default.key"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals("tls key " + dir.resolve("default.key") + " does not match certificate "
                + dir.resolve("default.crt"), e.getMessage());
    }

    @Test
    void certificateFileWithoutCertificate() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        Files.copy(dir.resolve("default.key"), dir.resolve("default.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals("tls certificate " + dir.resolve("default.crt") + " holds no BEGIN CERTIFICATE block",
                e.getMessage());
    }

    @Test
    void corruptCertificate() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        Files.writeString(dir.resolve("default.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals(dir.resolve("default.crt"), e.path());
    }

    @Test
    void keyFileWithoutKey() throws Exception {
        pki.identity(dir, "default", KeyFormat.SEC1_EC);
        Files.writeString(dir.resolve("default.key"), "nothing here\n");
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentities.open(dir).requireIdentity("default"));
        assertEquals("tls key " + dir.resolve("default.key") + " is unreadable: no private key (expected BEGIN"
                + " PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)", e.getMessage());
    }

    @Test
    void invalidIdentityNames() throws Exception {
        TlsIdentities identities = TlsIdentities.open(dir);
        for (String bad : new String[] {"", "a/b", "a\nb", "x".repeat(254)}) {
            TlsConfigException e = assertThrows(TlsConfigException.class, () -> identities.requireIdentity(bad));
            assertEquals("invalid tls identity name '" + bad + "' (1 to 253 characters, no '/' or control"
                    + " characters)", e.getMessage());
        }
    }
}
