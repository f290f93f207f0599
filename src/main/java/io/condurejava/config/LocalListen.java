package io.condurejava.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Unix-domain socket listener from {@code --listen PATH,local[,mode=OCTAL][,user=NAME][,group=NAME]}.
 * {@code fileMode} is -1 and {@code user}/{@code group} are null when not given. Immutable; any thread.
 */
public record LocalListen(Path path, ListenMode mode, int fileMode, String user, String group)
        implements ListenSpec {
    public LocalListen {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
    }
}
