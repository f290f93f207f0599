package io.condurejava.config;

/** One parsed {@code --listen} entry: a TCP port or a Unix-domain socket path. Immutable; any thread. */
public sealed interface ListenSpec permits TcpListen, LocalListen {
    /** Stream or req mode. */
    ListenMode mode();
}
