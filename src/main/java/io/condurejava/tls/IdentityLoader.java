package io.condurejava.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads identity NAME from {@code DIR/NAME.crt} (PEM certificate chain, leaf first) and
 * {@code DIR/NAME.key} (PEM private key) and checks that the key belongs to the leaf certificate.
 * An expired or not-yet-valid certificate is logged and still loaded (Condure serves what it finds).
 * Runs on whichever thread asks (a handshake's virtual thread, or main at start-up).
 */
final class IdentityLoader {
    static final String CERT_SUFFIX = ".crt";
    static final String KEY_SUFFIX = ".key";
    /** Larger PEM files are refused (a chain of a dozen certificates is ~20 KiB). */
    static final long MAX_PEM_FILE_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger("tls");
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final Path dir;

    IdentityLoader(Path dir) {
        this.dir = dir;
    }

    Path certFile(String name) {
        return dir.resolve(name + CERT_SUFFIX);
    }

    Path keyFile(String name) {
        return dir.resolve(name + KEY_SUFFIX);
    }

    Identity load(String name) throws TlsConfigException {
        Path crt = certFile(name);
        Path key = keyFile(name);
        X509Certificate[] chain = readChain(crt);
        PrivateKey privateKey = readKey(key);
        if (!PrivateKeys.matches(privateKey, chain[0].getPublicKey())) {
            throw new TlsConfigException(key, "tls key " + key + " does not match certificate " + crt);
        }
        warnIfOutOfDate(crt, chain[0]);
        return new Identity(name, GENERATIONS.incrementAndGet(), chain, privateKey);
    }

    private static X509Certificate[] readChain(Path crt) throws TlsConfigException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Pem.Block b : Pem.parse(read(crt, "certificate"))) {
                if (b.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
            if (chain.isEmpty()) {
                throw new TlsConfigException(crt, "tls certificate " + crt + " holds no BEGIN CERTIFICATE block");
            }
            return chain.toArray(X509Certificate[]::new);
        } catch (BadPemException | CertificateException e) {
            throw new TlsConfigException(crt, "tls certificate " + crt + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path key) throws TlsConfigException {
        try {
            return PrivateKeys.fromPem(Pem.parse(read(key, "key")));
        } catch (BadPemException e) {
            throw new TlsConfigException(key, "tls key " + key + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static String read(Path file, String what) throws TlsConfigException {
        try {
            if (Files.size(file) > MAX_PEM_FILE_BYTES) {
                throw new TlsConfigException(file, "tls " + what + " " + file + " is larger than "
                        + MAX_PEM_FILE_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(file, "tls " + what + " " + file + " not found", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigException(file, "tls " + what + " " + file + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new TlsConfigException(file, "tls " + what + " " + file + " is not readable: " + e, e);
        }
    }

    private static void warnIfOutOfDate(Path crt, X509Certificate leaf) {
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            log.warn("tls certificate {} expired on {}; serving it anyway", crt, leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            log.warn("tls certificate {} is not valid before {}; serving it anyway", crt,
                    leaf.getNotBefore().toInstant());
        }
    }
}
