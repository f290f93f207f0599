package io.condurejava.config;

import java.util.Locale;

/**
 * Every configuration key, declared once: option name, default, unit, description and value kind.
 * Drives the defaults source, the command-line parser, {@code --help} and the shipped properties
 * file (checked by a test). Immutable; any thread.
 */
enum Key {
    LOG_LEVEL("log-level", "2", Kind.INT, 0, 255, "level",
            "log level: 0 error, 1 warn, 2 info, 3 debug, 4 and more trace", Group.GENERAL),
    ID("id", "condure", Kind.STRING, 0, 0, "name",
            "instance id: the 'from' of ZHTTP messages and the SUB prefix; non-empty, no spaces", Group.GENERAL),
    WORKERS("workers", "2", Kind.INT, 1, 1024, "threads",
            "worker count (1..1024); maxconn values are divided by it", Group.GENERAL),
    BATCH_SCHEDULING("batch-scheduling", "true", Kind.BOOL, 0, 0, "boolean",
            "Linux: run the process's threads under SCHED_BATCH (woken threads do not preempt running ones)",
            Group.GENERAL),

    REQ_MAXCONN("req-maxconn", "100", Kind.INT, 0, Settings.TOTAL_MAXCONN_MAX, "connections",
            "maximum req-mode connections in total (>= workers)", Group.LIMITS),
    STREAM_MAXCONN("stream-maxconn", "10000", Kind.INT, 0, Settings.TOTAL_MAXCONN_MAX, "connections",
            "maximum stream-mode connections in total (>= workers); req + stream <= 10000000", Group.LIMITS),
    BUFFER_SIZE("buffer-size", "8192", Kind.INT, 1, Integer.MAX_VALUE, "bytes",
            "per-connection buffer size (two buffers per connection; a request head must fit)", Group.LIMITS),
    BODY_BUFFER_SIZE("body-buffer-size", "100000", Kind.INT, 1, Integer.MAX_VALUE, "bytes",
            "req mode: the whole request body and response body must fit", Group.LIMITS),
    MESSAGES_MAX("messages-max", "100", Kind.INT, 1, Integer.MAX_VALUE, "messages",
            "maximum queued outgoing WebSocket messages per connection", Group.LIMITS),
    WEBSOCKET_MAX_MESSAGE("websocket-max-message", "67108864", Kind.INT, 0, Integer.MAX_VALUE, "bytes",
            "largest WebSocket message accepted from a client, after decompression (1009 beyond); 0 = no limit",
            Group.LIMITS),

    WEBSOCKET_WINDOW("websocket-window", "65536", Kind.INT, 0, Integer.MAX_VALUE, "bytes",
            "credits offered to the handler for a WebSocket's data to the client (3/4 with deflate); "
            + "0 = --buffer-size, as Condure; never less than --buffer-size", Group.LIMITS),

    REQ_TIMEOUT("req-timeout", "30", Kind.INT, 1, Integer.MAX_VALUE, "seconds",
            "req mode: time allowed for a whole request/response cycle", Group.TIMEOUTS),
    STREAM_TIMEOUT("stream-timeout", "1800", Kind.INT, 1, Integer.MAX_VALUE, "seconds",
            "stream mode: inactivity timeout of a client connection", Group.TIMEOUTS),
    SESSION_TIMEOUT("session-timeout", "60", Kind.INT, 1, Integer.MAX_VALUE, "seconds",
            "stream mode: close a session when the handler sent nothing for this long", Group.TIMEOUTS),
    KEEP_ALIVE_INTERVAL("keep-alive-interval", "45", Kind.INT, 1, Integer.MAX_VALUE, "seconds",
            "interval of keep-alive messages sent to handlers for open sessions", Group.TIMEOUTS),
    SHUTDOWN_TIMEOUT("shutdown-timeout", "10", Kind.INT, 0, Integer.MAX_VALUE, "seconds",
            "on stop, time allowed for sending cancel messages to handlers", Group.TIMEOUTS),
    WEBSOCKET_CREDIT_DELAY("websocket-credit-delay", "20", Kind.INT, 0, 60_000, "ms",
            "longest a WebSocket handler's credits are held back while it still has half its window, so small "
            + "messages share credit messages; 0 = one credit message per write, as Condure", Group.TIMEOUTS),

    LISTEN("listen", "", Kind.LIST, 0, 0, "spec",
            "client listeners ADDR[,PARAM...]; empty = 0.0.0.0:8000,stream unless a zserver spec is set",
            Group.LISTEN),
    TLS_IDENTITIES_DIR("tls-identities-dir", ".", Kind.PATH, 0, 0, "directory",
            "directory of TLS identities NAME.crt / NAME.key", Group.LISTEN),
    COMPRESSION("compression", "false", Kind.BOOL, 0, 0, "boolean",
            "allow WebSocket permessage-deflate", Group.LISTEN),

    ZCLIENT_REQ("zclient-req", "ipc://client", Kind.LIST, 0, 0, "spec",
            "ZeroMQ endpoints of the req-mode DEALER socket (ipc://PATH or tcp://HOST:PORT)", Group.ZCLIENT),
    ZCLIENT_STREAM("zclient-stream", "ipc://client", Kind.LIST, 0, 0, "spec base",
            "stream-mode spec bases: ipc://P gives P-out, P-out-stream, P-in; tcp://H:N gives ports N..N+2",
            Group.ZCLIENT),
    ZCLIENT_CONNECT("zclient-connect", "false", Kind.BOOL, 0, 0, "boolean",
            "connect the zclient sockets instead of binding them", Group.ZCLIENT),
    IPC_FILE_MODE("ipc-file-mode", "0", Kind.OCTAL, 0, 07777, "octal mode",
            "permissions of bound ipc socket files; 0 = leave them as created", Group.ZCLIENT),
    ZMQ_QUEUE_SIZE("zmq-queue-size", "0", Kind.INT, 0, Integer.MAX_VALUE, "messages",
            "queue between connections and the ZeroMQ thread; 0 = max((req+stream maxconn)/20, 1)",
            Group.ZCLIENT),
    NATIVE_ZMTP("native-zmtp", "true", Kind.BOOL, 0, 0, "boolean",
            "bound zclient-stream sockets speak ZMTP on the ZeroMQ thread itself (no JeroMQ I/O thread, no ipc "
            + "relay); false = JeroMQ", Group.ZCLIENT),

    ZSERVER_REQ("zserver-req", "", Kind.LIST, 0, 0, "spec",
            "client mode: ZeroMQ endpoints of the ROUTER socket for req-mode requests", Group.ZSERVER),
    ZSERVER_STREAM("zserver-stream", "", Kind.LIST, 0, 0, "spec base",
            "client mode: stream spec bases (P-in, P-in-stream, P-out)", Group.ZSERVER),
    ZSERVER_CONNECT("zserver-connect", "false", Kind.BOOL, 0, 0, "boolean",
            "connect the zserver sockets instead of binding them", Group.ZSERVER),
    DENY_OUT_INTERNAL("deny-out-internal", "false", Kind.BOOL, 0, 0, "boolean",
            "client mode: refuse outgoing connections to loopback and private networks", Group.ZSERVER);

    /** How a key's text is turned into a value. */
    enum Kind { INT, OCTAL, STRING, BOOL, LIST, PATH }

    /** Sections of --help and of the properties file, in order. */
    enum Group {
        GENERAL("General"), LIMITS("Connections and buffers"), TIMEOUTS("Timeouts"),
        LISTEN("Client listeners"), ZCLIENT("ZeroMQ towards handlers (server mode)"),
        ZSERVER("ZeroMQ client mode (outgoing connections)");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    static final String PREFIX = "condure.";

    final String option;
    final String defaultValue;
    final Kind kind;
    final long min;
    final long max;
    final String unit;
    final String description;
    final Group group;

    Key(String option, String defaultValue, Kind kind, long min, long max, String unit, String description,
            Group group) {
        this.option = option;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.description = description;
        this.group = group;
    }

    /** The MicroProfile property name, e.g. {@code condure.workers}. */
    String property() {
        return PREFIX + option;
    }

    /** The command-line flag, e.g. {@code --workers}. */
    String flag() {
        return "--" + option;
    }

    /** The environment variable, e.g. {@code CONDURE_REQ_MAXCONN}. */
    String envName() {
        return property().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Looks a key up by option name ("workers"), or returns null. */
    static Key byOption(String option) {
        for (Key k : values()) {
            if (k.option.equals(option)) {
                return k;
            }
        }
        return null;
    }

    /** Looks a key up by property name ("condure.workers"), or returns null. */
    static Key byProperty(String property) {
        return property.startsWith(PREFIX) ? byOption(property.substring(PREFIX.length())) : null;
    }
}
