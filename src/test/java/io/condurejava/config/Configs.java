package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

/** Test helpers: load settings from argv alone, with no properties file, environment or system properties. */
final class Configs {
    /** A home without etc/condure-java.properties, so only defaults and argv count. */
    static final Map<String, String> NO_FILE = Map.of(ConfigSources.HOME_PROPERTY, "/nonexistent-condure-home");

    private Configs() {
    }

    /** Parsed and validated settings (without the feature gate). */
    static Settings settings(String... args) throws ConfigException {
        return ConfigLoader.settings(args, Map.of(), NO_FILE);
    }

    /** The error that loading argv must raise. */
    static ConfigException error(String... args) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(args, Map.of(), NO_FILE));
    }

    /** The value of {@code key} in {@code s}, as the Java type stored in Settings. */
    static Object valueOf(Settings s, Key key) {
        return switch (key) {
            case LOG_LEVEL -> s.logLevel();
            case ID -> s.id();
            case WORKERS -> s.workers();
            case BATCH_SCHEDULING -> s.batchScheduling();
            case REQ_MAXCONN -> s.reqMaxconn();
            case STREAM_MAXCONN -> s.streamMaxconn();
            case BUFFER_SIZE -> s.bufferSize();
            case BODY_BUFFER_SIZE -> s.bodyBufferSize();
            case MESSAGES_MAX -> s.messagesMax();
            case WEBSOCKET_MAX_MESSAGE -> s.websocketMaxMessage();
            case WEBSOCKET_WINDOW -> s.websocketWindow();
            case WEBSOCKET_CREDIT_DELAY -> s.websocketCreditDelayMillis();
            case REQ_TIMEOUT -> s.reqTimeoutSeconds();
            case STREAM_TIMEOUT -> s.streamTimeoutSeconds();
            case SESSION_TIMEOUT -> s.sessionTimeoutSeconds();
            case KEEP_ALIVE_INTERVAL -> s.keepAliveIntervalSeconds();
            case SHUTDOWN_TIMEOUT -> s.shutdownTimeoutSeconds();
            case LISTEN -> s.listens();
            case TLS_IDENTITIES_DIR -> s.tlsIdentitiesDir();
            case COMPRESSION -> s.compression();
            case ZCLIENT_REQ -> s.zclientReq();
            case ZCLIENT_STREAM -> s.zclientStream();
            case ZCLIENT_CONNECT -> s.zclientConnect();
            case IPC_FILE_MODE -> s.ipcFileMode();
            case ZMQ_QUEUE_SIZE -> s.zmqQueueSize();
            case NATIVE_ZMTP -> s.nativeZmtp();
            case ZSERVER_REQ -> s.zserverReq();
            case ZSERVER_STREAM -> s.zserverStream();
            case ZSERVER_CONNECT -> s.zserverConnect();
            case DENY_OUT_INTERNAL -> s.denyOutInternal();
        };
    }
}
