package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Condure-compatible argv handling: flag forms, repeats, actions, errors, and Pushpin's exact command lines. */
class CommandLineTest {

    @Test
    void equalsAndSpaceFormsAreTheSame() throws ConfigException {
        assertEquals(Configs.settings("--workers=4", "--id=x"), Configs.settings("--workers", "4", "--id", "x"));
    }

    @Test
    void booleanFlagsTakeNoValue() throws ConfigException {
        Settings s = Configs.settings("--zclient-connect", "--deny-out-internal", "--zserver-connect",
                "--compression", "--workers", "3");
        assertTrue(s.zclientConnect() && s.denyOutInternal() && s.zserverConnect() && s.compression());
        assertEquals(3, s.workers());
        assertFalse(Configs.settings("--compression=false").compression());
    }

    @Test
    void repeatedListenAndZclientStreamAddValuesInOrder() throws ConfigException {
        Settings s = Configs.settings("--listen=7999", "--listen", "[::1]:8443,stream",
                "--zclient-stream=ipc:///tmp/a", "--zclient-stream", "tcp://127.0.0.1:5000");
        assertEquals(List.of(
                new TcpListen(new InetSocketAddress("0.0.0.0", 7999), ListenMode.STREAM, false, null),
                new TcpListen(new InetSocketAddress("::1", 8443), ListenMode.STREAM, false, null)), s.listens());
        assertEquals(List.of("ipc:///tmp/a", "tcp://127.0.0.1:5000"), s.zclientStream());
    }

    @Test
    void cliValuesMayContainSpaces() throws ConfigException {
        Settings s = Configs.settings("--listen=/tmp/my dir/s,local", "--zclient-stream=ipc:///tmp/my dir/c");
        assertEquals(Path.of("/tmp/my dir/s"), ((LocalListen) s.listens().get(0)).path());
        assertEquals(List.of("ipc:///tmp/my dir/c"), s.zclientStream());
    }

    @Test
    void singleValuedFlagTwiceIsAnError() {
        ConfigException e = Configs.error("--workers=2", "--workers=3");
        assertTrue(e.getMessage().contains("--workers cannot be used more than once"), e.getMessage());
    }

    @Test
    void unknownFlagIsNamed() {
        ConfigException e = Configs.error("--log-level=2", "--frobnicate=1");
        assertEquals("--frobnicate", e.key());
        assertTrue(e.getMessage().contains("unknown option '--frobnicate'"), e.getMessage());
        assertTrue(Configs.error("-x").getMessage().contains("unexpected argument '-x'"));
        assertTrue(Configs.error("stray").getMessage().contains("unexpected argument 'stray'"));
    }

    @Test
    void missingValueIsNamed() {
        ConfigException e = Configs.error("--workers");
        assertTrue(e.getMessage().contains("a value is required for '--workers'"), e.getMessage());
        assertTrue(Configs.error("--listen", "--workers=2").getMessage().contains("'--listen'"));
    }

    @Test
    void helpListsEveryFlagWithItsDefault() throws ConfigException {
        for (String flag : List.of("-h", "--help")) {
            String text = ((CliRequest.PrintAndExit) ConfigLoader.load(new String[] {"--workers=0", flag},
                    java.util.Map.of(), Configs.NO_FILE)).text();
            assertTrue(text.contains("--zserver-stream"), "Pushpin 1.37 looks for --zserver-stream");
            for (Key k : Key.values()) {
                int at = text.indexOf("  " + k.flag() + (k.kind == Key.Kind.BOOL ? " " : " <"));
                assertTrue(at >= 0, k.flag());
                String line = text.substring(at, text.indexOf('\n', at));
                String shown = k.defaultValue.isEmpty() ? "none" : k.defaultValue;
                assertTrue(line.endsWith("[default: " + shown + "]"), line);
            }
            assertTrue(text.contains("--config") && text.contains("--sizes") && text.contains("--version"));
        }
    }

    @Test
    void versionPrintsName() throws ConfigException {
        for (String flag : List.of("-V", "--version")) {
            String text = ((CliRequest.PrintAndExit) ConfigLoader.load(new String[] {flag},
                    java.util.Map.of(), Configs.NO_FILE)).text();
            assertTrue(text.matches("condure-java \\S+"), text);
        }
    }

    @Test
    void sizesPrintsAndExits() throws ConfigException {
        CliRequest r = ConfigLoader.load(new String[] {"--sizes", "--buffer-size=4096"}, java.util.Map.of(),
                Configs.NO_FILE);
        String text = assertInstanceOf(CliRequest.PrintAndExit.class, r).text();
        assertTrue(text.contains("8192 bytes (2 x buffer-size 4096)"), text);
        assertTrue(text.contains("zmq hwm: 505"), text);
    }

    @Test
    void pushpin136CommandLineRuns() throws ConfigException {
        String[] args = "--log-level=2 --listen=0.0.0.0:7999,stream --zclient-stream=ipc:///tmp/x/pushpin-condure --buffer-size=8192 --stream-maxconn=50000"
                .split(" ");
        Settings s = assertInstanceOf(CliRequest.Run.class,
                ConfigLoader.load(args, java.util.Map.of(), Configs.NO_FILE)).settings();
        assertEquals(2, s.logLevel());
        assertEquals(List.of(new TcpListen(new InetSocketAddress("0.0.0.0", 7999), ListenMode.STREAM, false, null)),
                s.listens());
        assertEquals(List.of("ipc:///tmp/x/pushpin-condure"), s.zclientStream());
        assertEquals(8192, s.bufferSize());
        assertEquals(50_000, s.streamMaxconn());
        assertEquals(2505, s.zmqHwm());
        assertFalse(s.zclientConnect());
    }

    @Test
    void pushpin136HttpsAndLocalPortsParse() throws ConfigException {
        Settings s = Configs.settings("--log-level=2", "--listen=0.0.0.0:7999,stream",
                "--listen=0.0.0.0:443,stream,tls,default-cert=default_443", "--listen=/var/run/pushpin/s,local,stream",
                "--zclient-stream=ipc:///var/run/pushpin/pushpin-condure", "--buffer-size=8192",
                "--stream-maxconn=50000", "--tls-identities-dir=/etc/pushpin/runner/certs");
        assertEquals(new TcpListen(new InetSocketAddress("0.0.0.0", 443), ListenMode.STREAM, true, "default_443"),
                s.listens().get(1));
        assertEquals(new LocalListen(Path.of("/var/run/pushpin/s"), ListenMode.STREAM, -1, null, null),
                s.listens().get(2));
        assertEquals(Path.of("/etc/pushpin/runner/certs"), s.tlsIdentitiesDir());
    }

    @Test
    void pushpin137CommandLineParsesAndIsAccepted() throws ConfigException {
        String[] args = ("--log-level=2 --buffer-size=8192 --stream-maxconn=50000 --listen=0.0.0.0:7999,stream"
                + " --listen=/tmp/s,local,stream,mode=660 --zclient-stream=ipc:///tmp/x/pushpin-condure"
                + " --zserver-stream=ipc:///tmp/x/pushpin-condure-client --deny-out-internal").split(" ");
        Settings s = ConfigLoader.settings(args, java.util.Map.of(), Configs.NO_FILE);
        assertEquals(new LocalListen(Path.of("/tmp/s"), ListenMode.STREAM, 0660, null, null), s.listens().get(1));
        assertEquals(List.of("ipc:///tmp/x/pushpin-condure-client"), s.zserverStream());
        assertTrue(s.denyOutInternal());
        assertTrue(ConfigLoader.load(args, java.util.Map.of(), Configs.NO_FILE) instanceof CliRequest.Run,
                "client mode (--zserver-stream) is implemented");
    }
}
