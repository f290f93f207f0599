package io.condurejava.zmq.ipc;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file behind an {@code ipc://PATH} endpoint: parses the path, clears a stale socket file before a bind,
 * applies the file mode, and removes the file again (only if it is still ours). Runs on the binding thread,
 * except {@link #removeIfOurs()}, which runs on whichever thread closes the handle.
 */
final class IpcSocketFile {

    static final String IPC_PREFIX = "ipc://";
    /** Highest accepted file mode: the nine rwx bits, as Condure's {@code --ipc-file-mode} uses. */
    static final int MAX_FILE_MODE = 0777;

    private static final Logger LOG = LoggerFactory.getLogger(IpcSocketFile.class);
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FILE_TYPE_SOCKET = 0140000;
    /** Permission bits from 0400 down to 0001, in {@link PosixFilePermission} declaration order. */
    private static final PosixFilePermission[] PERMISSIONS_BY_BIT = PosixFilePermission.values();

    private final String endpoint;
    private final Path path;
    private volatile Object boundFileKey;

    private IpcSocketFile(String endpoint, Path path) {
        this.endpoint = endpoint;
        this.path = path;
    }

    /** The filesystem path of an {@code ipc://PATH} endpoint; rejects forms a Unix-domain socket cannot serve. */
    static Path pathOf(String endpoint) throws ZmqEndpointException {
        String name = endpoint.substring(IPC_PREFIX.length());
        if (name.isEmpty()) {
            throw new ZmqEndpointException(endpoint, "ipc endpoint has no path");
        }
        if (name.equals("*")) {
            throw new ZmqEndpointException(endpoint, "wildcard ipc paths are not supported; name the socket file");
        }
        if (name.startsWith("@")) {
            throw new ZmqEndpointException(endpoint, "abstract-namespace ipc addresses are not supported");
        }
        try {
            return Path.of(name);
        } catch (RuntimeException e) {
            throw new ZmqEndpointException(endpoint, "invalid ipc path", e);
        }
    }

    /** Checks the path can be bound, deleting a stale socket file (one nobody accepts on) left by a dead process. */
    static IpcSocketFile prepareBind(String endpoint, Path path) throws ZmqEndpointException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ZmqEndpointException(endpoint, "directory " + parent + " does not exist");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new IpcSocketFile(endpoint, path);
        }
        if (!isSocket(path)) {
            throw new ZmqEndpointException(endpoint, path + " exists and is not a socket; refusing to replace it");
        }
        if (someoneAccepts(path)) {
            throw new ZmqEndpointException(endpoint, "address already in use: a process accepts on " + path);
        }
        try {
            Files.deleteIfExists(path);
            LOG.debug("{}: removed stale socket file {}", endpoint, path);
        } catch (IOException e) {
            throw new ZmqEndpointException(endpoint, "cannot remove stale socket file " + path, e);
        }
        return new IpcSocketFile(endpoint, path);
    }

    /** Remembers the identity of the file just created by the bind, so close removes only that one. */
    void markBound() {
        try {
            boundFileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            LOG.debug("{}: cannot read attributes of {}: {}", endpoint, path, e.toString());
        }
    }

    /** Sets the permission bits of the bound file to {@code mode} (octal, at most 0777). */
    void chmod(int mode) throws ZmqEndpointException {
        try {
            Files.setPosixFilePermissions(path, permissionsOf(mode));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ZmqEndpointException(endpoint, "cannot set mode " + Integer.toOctalString(mode) + " on " + path, e);
        }
    }

    /** Deletes the socket file if it is still the one this bind created (not a later process's). */
    void removeIfOurs() {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (boundFileKey == null || Objects.equals(key, boundFileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warn("{}: cannot remove socket file {}: {}", endpoint, path, e.toString());
        }
    }

    static Set<PosixFilePermission> permissionsOf(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < PERMISSIONS_BY_BIT.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(PERMISSIONS_BY_BIT[i]);
            }
        }
        return permissions;
    }

    private static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & FILE_TYPE_MASK) == FILE_TYPE_SOCKET;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
            } catch (IOException again) {
                return false;
            }
        }
    }

    private static boolean someoneAccepts(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
