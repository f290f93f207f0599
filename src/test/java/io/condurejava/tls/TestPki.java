package io.condurejava.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A throw-away PKI made with the openssl CLI: a test CA and identities signed by it, each key in a
 * chosen PEM format. Test fixture; one test thread.
 */
public final class TestPki {
    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final long OPENSSL_TIMEOUT_SECONDS = 30;

    /** How an identity's key file is written. */
    public enum KeyFormat {
        PKCS8_RSA("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"),
        PKCS1_RSA("genrsa", "-traditional", "2048"),
        SEC1_EC_WITH_PARAMETERS("ecparam", "-name", "prime256v1", "-genkey"),
        SEC1_EC("ecparam", "-name", "prime256v1", "-genkey", "-noout"),
        PKCS8_EC("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"),
        PKCS8_ED25519("genpkey", "-algorithm", "ed25519");

        final List<String> command;

        KeyFormat(String... command) {
            this.command = List.of(command);
        }
    }

    final Path work;
    public final Path caCert;
    private final Path caKey;

    /** Creates the CA under {@code work}; skips the test when openssl is missing. */
    public TestPki(Path work) throws IOException {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl CLI not installed");
        this.work = Files.createDirectories(work);
        this.caCert = work.resolve("ca.pem");
        this.caKey = work.resolve("ca.key");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-subj", "/CN=condure-java test CA",
                "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /** A new key in {@code format} at {@code key}. */
    void newKey(KeyFormat format, Path key) throws IOException {
        List<String> args = new ArrayList<>(format.command);
        args.add(1 + (format == KeyFormat.PKCS1_RSA ? 1 : 0), "-out");
        args.add(2 + (format == KeyFormat.PKCS1_RSA ? 1 : 0), key.toString());
        openssl(args.toArray(String[]::new));
    }

    /** Writes identity NAME (CN = NAME, SAN = dnsNames) with a fresh key into {@code dir}. */
    public void identity(Path dir, String name, KeyFormat format, String... dnsNames) throws IOException {
        Path key = dir.resolve(name + ".key");
        newKey(format, key);
        certificate(dir.resolve(name + ".crt"), key, name, dnsNames);
    }

    /** A certificate for {@code key} signed by the CA, valid from now for two days. */
    void certificate(Path crt, Path key, String cn, String... dnsNames) throws IOException {
        Path csr = csr(key, cn);
        Path ext = extensions(dnsNames);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", serial(), "-days", "2", "-extfile", ext.toString(), "-out", crt.toString());
    }

    /** A certificate for {@code key} signed by the CA that expired in 2020. */
    void expiredCertificate(Path crt, Path key, String cn) throws IOException {
        Path db = Files.createTempDirectory(work, "ca-db");
        Files.writeString(db.resolve("index.txt"), "");
        Files.writeString(db.resolve("serial"), "01\n");
        Path config = db.resolve("ca.cnf");
        Files.writeString(config, String.join("\n",
                "[ca]", "default_ca = tca", "[tca]", "database = " + db.resolve("index.txt"),
                "serial = " + db.resolve("serial"), "new_certs_dir = " + db, "default_md = sha256",
                "policy = pol", "unique_subject = no", "[pol]", "commonName = supplied", ""));
        openssl("ca", "-batch", "-config", config.toString(), "-cert", caCert.toString(),
                "-keyfile", caKey.toString(), "-in", csr(key, cn).toString(), "-out", crt.toString(),
                "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext");
    }

    private Path csr(Path key, String cn) throws IOException {
        Path csr = Files.createTempFile(work, "req", ".csr");
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-out", csr.toString());
        return csr;
    }

    private Path extensions(String... dnsNames) throws IOException {
        Path ext = Files.createTempFile(work, "ext", ".cnf");
        List<String> san = new ArrayList<>();
        for (String n : dnsNames) {
            san.add("DNS:" + n);
        }
        Files.writeString(ext, san.isEmpty() ? "" : "subjectAltName=" + String.join(",", san) + "\n");
        return ext;
    }

    private static String serial() {
        return "0x" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Runs openssl with {@code args}; fails with its output unless it exits 0. */
    void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroy();
        }
    }
}
