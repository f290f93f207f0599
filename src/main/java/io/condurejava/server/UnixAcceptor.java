package io.condurejava.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;

/**
 * Listens on a Unix domain socket path ({@code --listen PATH,local}): a stale file there is removed
 * first (as Condure does), then {@code mode=}, {@code user=} and {@code group=} are applied to the new
 * socket file, which is removed again when the listener closes.
 */
final class UnixAcceptor implements Acceptor {
    private static final Logger log = LoggerFactory.getLogger("server");

    private final Path path;
    private final ServerSocketChannel channel;

    UnixAcceptor(Path path, int fileMode, String user, String group) throws IOException {
        this.path = path;
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(path)) {
                throw new IOException("a directory is in the way");
            }
            Files.delete(path);
        }
        channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            if (fileMode >= 0) {
                Files.setPosixFilePermissions(path, permissions(fileMode));
            }
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
            if (user != null) {
                UserPrincipal owner = names.lookupPrincipalByName(user);
                view.setOwner(owner);
            }
            if (group != null) {
                GroupPrincipal groupPrincipal = names.lookupPrincipalByGroupName(group);
                view.setGroup(groupPrincipal);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    @Override
    public ClientSocket accept() throws IOException {
        return new UnixClientSocket(channel.accept());
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", path, e.getMessage());
        }
    }
}
