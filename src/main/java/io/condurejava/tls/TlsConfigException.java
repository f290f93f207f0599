package io.condurejava.tls;

import java.nio.file.Path;

/**
 * A TLS identity or the identities directory cannot be used: missing, unreadable, malformed, or a key
 * that does not match its certificate. The message names the file or directory, as in
 * {@code tls key /etc/condure/example.com.key does not match certificate /etc/condure/example.com.crt}.
 * Immutable; any thread.
 */
public final class TlsConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    TlsConfigException(Path path, String message) {
        super(message);
        this.path = path;
    }

    TlsConfigException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The file or directory the error is about. */
    public Path path() {
        return path;
    }
}
