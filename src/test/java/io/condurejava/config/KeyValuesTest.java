package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per key: Condure's default, a typical value from each source, and bad values naming key and value. */
class KeyValuesTest {

    /** Condure 1.10's defaults, written independently of {@link Key}. */
    static Object condureDefault(Key key) {
        return switch (key) {
            case LOG_LEVEL -> 2;
            case ID -> "condure";
            case WORKERS -> 2;
            case BATCH_SCHEDULING -> true; // ours, not Condure's
            case NATIVE_ZMTP -> true; // ours, not Condure's
            case REQ_MAXCONN -> 100;
            case STREAM_MAXCONN -> 10_000;
            case BUFFER_SIZE -> 8192;
            case BODY_BUFFER_SIZE -> 100_000;
            case MESSAGES_MAX -> 100;
            case WEBSOCKET_MAX_MESSAGE -> 67108864;
            case WEBSOCKET_WINDOW -> 65536; // ours; 0 gives Condure's --buffer-size
            case WEBSOCKET_CREDIT_DELAY -> 20; // ours; 0 gives Condure's credit per write
            case REQ_TIMEOUT -> 30;
            case STREAM_TIMEOUT -> 1800;
            case SESSION_TIMEOUT -> 60;
            case KEEP_ALIVE_INTERVAL -> 45;
            case SHUTDOWN_TIMEOUT -> 10;
            case LISTEN -> List.of(new TcpListen(new InetSocketAddress("0.0.0.0", 8000), ListenMode.STREAM, false,
                    null));
            case TLS_IDENTITIES_DIR -> Path.of(".");
            case COMPRESSION, ZCLIENT_CONNECT, ZSERVER_CONNECT, DENY_OUT_INTERNAL -> false;
            case ZCLIENT_REQ, ZCLIENT_STREAM -> List.of("ipc://client");
            case IPC_FILE_MODE, ZMQ_QUEUE_SIZE -> 0;
            case ZSERVER_REQ, ZSERVER_STREAM -> List.of();
        };
    }

    /** A typical non-default value as text, and what Settings must hold for it. */
    static Stream<Arguments> typical() {
        return Stream.of(
                Arguments.of(Key.LOG_LEVEL, "3", 3),
                Arguments.of(Key.ID, "condure-2", "condure-2"),
                Arguments.of(Key.WORKERS, "8", 8),
                Arguments.of(Key.BATCH_SCHEDULING, "false", false),
                Arguments.of(Key.NATIVE_ZMTP, "false", false),
                Arguments.of(Key.REQ_MAXCONN, "500", 500),
                Arguments.of(Key.STREAM_MAXCONN, "50000", 50_000),
                Arguments.of(Key.BUFFER_SIZE, "16384", 16_384),
                Arguments.of(Key.BODY_BUFFER_SIZE, "1000000", 1_000_000),
                Arguments.of(Key.MESSAGES_MAX, "200", 200),
                Arguments.of(Key.WEBSOCKET_MAX_MESSAGE, "1000", 1000),
                Arguments.of(Key.WEBSOCKET_WINDOW, "0", 0),
                Arguments.of(Key.WEBSOCKET_CREDIT_DELAY, "0", 0),
                Arguments.of(Key.REQ_TIMEOUT, "5", 5),
                Arguments.of(Key.STREAM_TIMEOUT, "60", 60),
                Arguments.of(Key.SESSION_TIMEOUT, "30", 30),
                Arguments.of(Key.KEEP_ALIVE_INTERVAL, "20", 20),
                Arguments.of(Key.SHUTDOWN_TIMEOUT, "0", 0),
                Arguments.of(Key.LISTEN, "127.0.0.1:7999,stream",
                        List.of(new TcpListen(new InetSocketAddress("127.0.0.1", 7999), ListenMode.STREAM, false,
                                null))),
                Arguments.of(Key.TLS_IDENTITIES_DIR, "/etc/pushpin/runner/certs", Path.of("/etc/pushpin/runner/certs")),
                Arguments.of(Key.COMPRESSION, "true", true),
                Arguments.of(Key.ZCLIENT_REQ, "tcp://127.0.0.1:5000", List.of("tcp://127.0.0.1:5000")),
                Arguments.of(Key.ZCLIENT_STREAM, "ipc:///tmp/x/condure", List.of("ipc:///tmp/x/condure")),
                Arguments.of(Key.ZCLIENT_CONNECT, "true", true),
                Arguments.of(Key.IPC_FILE_MODE, "660", 0660),
                Arguments.of(Key.ZMQ_QUEUE_SIZE, "1000", 1000),
                Arguments.of(Key.ZSERVER_REQ, "ipc:///tmp/zreq", List.of("ipc:///tmp/zreq")),
                Arguments.of(Key.ZSERVER_STREAM, "tcp://127.0.0.1:6000", List.of("tcp://127.0.0.1:6000")),
                Arguments.of(Key.ZSERVER_CONNECT, "TRUE", true),
                Arguments.of(Key.DENY_OUT_INTERNAL, "true", true));
    }

    /** A bad value and the reason the error must give. */
    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Key.LOG_LEVEL, "-1", "not a number"),
                Arguments.of(Key.LOG_LEVEL, "abc", "not a number"),
                Arguments.of(Key.LOG_LEVEL, "256", "value too large"),
                Arguments.of(Key.ID, "", "value cannot be empty or contain a space"),
                Arguments.of(Key.ID, "a b", "value cannot be empty or contain a space"),
                Arguments.of(Key.WORKERS, "0", "value must be at least 1"),
                Arguments.of(Key.WORKERS, "1025", "value too large"),
                Arguments.of(Key.WORKERS, "abc", "not a number"),
                Arguments.of(Key.WORKERS, "+2", "not a number"),
                Arguments.of(Key.WORKERS, "0x10", "not a number"),
                Arguments.of(Key.WORKERS, "2.0", "not a number"),
                Arguments.of(Key.REQ_MAXCONN, "1", "req maxconn must be >= workers"),
                Arguments.of(Key.REQ_MAXCONN, "0", "req maxconn must be >= workers"),
                Arguments.of(Key.REQ_MAXCONN, "-5", "not a number"),
                Arguments.of(Key.STREAM_MAXCONN, "1", "stream maxconn must be >= workers"),
                Arguments.of(Key.STREAM_MAXCONN, "9999901", "total maxconn is too large"),
                Arguments.of(Key.STREAM_MAXCONN, "10000001", "value too large"),
                Arguments.of(Key.BUFFER_SIZE, "0", "value must be at least 1"),
                Arguments.of(Key.BUFFER_SIZE, "-1", "not a number"),
                Arguments.of(Key.BUFFER_SIZE, "2147483648", "value too large"),
                Arguments.of(Key.BUFFER_SIZE, "99999999999999999999999", "value too large"),
                Arguments.of(Key.BODY_BUFFER_SIZE, "0", "value must be at least 1"),
                Arguments.of(Key.MESSAGES_MAX, "0", "value must be at least 1"),
                Arguments.of(Key.WEBSOCKET_MAX_MESSAGE, "-1", "not a number"),
                Arguments.of(Key.WEBSOCKET_WINDOW, "-1", "not a number"),
                Arguments.of(Key.WEBSOCKET_WINDOW, "64k", "not a number"),
                Arguments.of(Key.WEBSOCKET_CREDIT_DELAY, "-1", "not a number"),
                Arguments.of(Key.WEBSOCKET_CREDIT_DELAY, "60001", "value too large"),
                Arguments.of(Key.REQ_TIMEOUT, "0", "value must be at least 1"),
                Arguments.of(Key.STREAM_TIMEOUT, "0", "value must be at least 1"),
                Arguments.of(Key.SESSION_TIMEOUT, "0", "value must be at least 1"),
                Arguments.of(Key.KEEP_ALIVE_INTERVAL, "0", "value must be at least 1"),
                Arguments.of(Key.SHUTDOWN_TIMEOUT, "-1", "not a number"),
                Arguments.of(Key.LISTEN, "0.0.0.0:80,foo", "invalid param: foo"),
                Arguments.of(Key.TLS_IDENTITIES_DIR, "", "value cannot be empty"),
                Arguments.of(Key.COMPRESSION, "yes", "not a boolean"),
                Arguments.of(Key.BATCH_SCHEDULING, "on", "not a boolean"),
                Arguments.of(Key.NATIVE_ZMTP, "yes", "not a boolean"),
                Arguments.of(Key.ZCLIENT_REQ, "inproc://x", "spec must be ipc or tcp"),
                Arguments.of(Key.ZCLIENT_STREAM, "udp://x", "base spec must be ipc or tcp"),
                Arguments.of(Key.ZCLIENT_STREAM, "tcp://127.0.0.1", "tcp base spec must specify port"),
                Arguments.of(Key.ZCLIENT_STREAM, "tcp://127.0.0.1:65534", "invalid port in tcp spec"),
                Arguments.of(Key.ZCLIENT_CONNECT, "maybe", "not a boolean"),
                Arguments.of(Key.IPC_FILE_MODE, "8", "not an octal number"),
                Arguments.of(Key.IPC_FILE_MODE, "17777", "value too large"),
                Arguments.of(Key.IPC_FILE_MODE, "-1", "not an octal number"),
                Arguments.of(Key.ZMQ_QUEUE_SIZE, "-1", "not a number"),
                Arguments.of(Key.ZSERVER_REQ, "foo", "spec must be ipc or tcp"),
                Arguments.of(Key.ZSERVER_STREAM, "tcp://host", "tcp base spec must specify port"),
                Arguments.of(Key.ZSERVER_CONNECT, "1", "not a boolean"),
                Arguments.of(Key.DENY_OUT_INTERNAL, "no", "not a boolean"));
    }

    @ParameterizedTest
    @EnumSource(Key.class)
    void defaultIsCondures(Key key) throws ConfigException {
        assertEquals(condureDefault(key), Configs.valueOf(Configs.settings(), key));
    }

    @ParameterizedTest
    @MethodSource("typical")
    void typicalValueFromFlag(Key key, String text, Object expected) throws ConfigException {
        assertEquals(expected, Configs.valueOf(Configs.settings("--" + key.option + "=" + text), key));
        if (key.kind != Key.Kind.BOOL) {
            assertEquals(expected, Configs.valueOf(Configs.settings("--" + key.option, text), key), "--flag value");
        }
    }

    @ParameterizedTest
    @MethodSource("typical")
    void typicalValueFromEnvironmentAndSystemProperty(Key key, String text, Object expected) throws ConfigException {
        Settings env = ConfigLoader.settings(new String[0], Map.of(key.envName(), text), Configs.NO_FILE);
        assertEquals(expected, Configs.valueOf(env, key), key.envName());
        Map<String, String> sys = new java.util.HashMap<>(Configs.NO_FILE);
        sys.put(key.property(), text);
        assertEquals(expected, Configs.valueOf(ConfigLoader.settings(new String[0], Map.of(), sys), key));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void badValueIsAnErrorNamingKeyAndValue(Key key, String text, String reason) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.settings("--" + key.option + "=" + text));
        assertEquals(key.property(), e.key());
        assertEquals(text, e.value());
        String m = e.getMessage();
        assertTrue(m.contains(reason), m);
        assertTrue(m.contains(key.property()) && m.contains("'" + text + "'") && m.contains(key.flag()), m);
        assertTrue(!m.contains("\n"), "one line: " + m);
        if (!reason.contains("maxconn")) {
            assertTrue(m.startsWith("failed to parse " + key.option + ": " + reason), m);
        }
    }

    @Test
    void tablesCoverEveryKey() {
        Set<Key> typical = typical().map(a -> (Key) a.get()[0]).collect(Collectors.toSet());
        Set<Key> invalid = invalid().map(a -> (Key) a.get()[0]).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Key.class), typical);
        assertEquals(EnumSet.allOf(Key.class), invalid);
    }

    @Test
    void envNamesFollowSmallRyeMapping() {
        assertEquals("CONDURE_WORKERS", Key.WORKERS.envName());
        assertEquals("CONDURE_REQ_MAXCONN", Key.REQ_MAXCONN.envName());
        assertEquals(Arrays.stream(Key.values()).count(),
                Arrays.stream(Key.values()).map(Key::envName).distinct().count());
    }

    @Test
    void hwmFollowsCondureRule() throws ConfigException {
        assertEquals(505, Configs.settings().zmqHwm());
        assertEquals(2505, Configs.settings("--stream-maxconn=50000").zmqHwm());
        assertEquals(1, Configs.settings("--workers=1", "--req-maxconn=1", "--stream-maxconn=1").zmqHwm());
    }
}
