package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source priority (CLI > system property > environment > file > default), file lookup and multi-value syntax. */
class ConfigSourcesTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("c.properties");
        Files.writeString(f, content);
        return f;
    }

    private static Map<String, String> sys(String... kv) {
        Map<String, String> m = new HashMap<>(Configs.NO_FILE);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void priorityIsCliThenSyspropThenEnvThenFileThenDefault() throws Exception {
        String conf = "--config=" + file("condure.workers=3\n");
        Map<String, String> env = Map.of("CONDURE_WORKERS", "4");
        Map<String, String> sys = sys("condure.workers", "5");
        assertEquals(6, ConfigLoader.settings(new String[] {conf, "--workers=6"}, env, sys).workers());
        assertEquals(5, ConfigLoader.settings(new String[] {conf}, env, sys).workers());
        assertEquals(4, ConfigLoader.settings(new String[] {conf}, env, sys()).workers());
        assertEquals(3, ConfigLoader.settings(new String[] {conf}, Map.of(), sys()).workers());
        assertEquals(2, ConfigLoader.settings(new String[0], Map.of(), sys()).workers());
    }

    @Test
    void errorNamesTheSourceOfTheBadValue() throws Exception {
        Path f = file("condure.workers=abc\n");
        ConfigException fromFile = assertThrows(ConfigException.class,
                () -> ConfigLoader.settings(new String[] {"--config", f.toString()}, Map.of(), sys()));
        assertEquals("failed to parse workers: not a number (value 'abc' for condure.workers from file " + f + ")",
                fromFile.getMessage());
        ConfigException fromEnv = assertThrows(ConfigException.class,
                () -> ConfigLoader.settings(new String[0], Map.of("CONDURE_WORKERS", "x"), sys()));
        assertTrue(fromEnv.getMessage().endsWith("from environment CONDURE_WORKERS)"), fromEnv.getMessage());
        ConfigException fromSys = assertThrows(ConfigException.class,
                () -> ConfigLoader.settings(new String[0], Map.of(), sys("condure.workers", "y")));
        assertTrue(fromSys.getMessage().endsWith("from system property condure.workers)"), fromSys.getMessage());
        ConfigException fromCli = assertThrows(ConfigException.class, () -> Configs.settings("--workers=z"));
        assertTrue(fromCli.getMessage().endsWith("from --workers)"), fromCli.getMessage());
    }

    @Test
    void defaultFileIsFoundUnderCondureHome() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/condure-java.properties"), "condure.id=from-home\n");
        Settings s = ConfigLoader.settings(new String[0], Map.of(),
                Map.of(ConfigSources.HOME_PROPERTY, dir.toString()));
        assertEquals("from-home", s.id());
    }

    @Test
    void missingDefaultFileIsFineMissingNamedFileIsAnError() throws Exception {
        assertEquals("condure", Configs.settings().id());
        Path missing = dir.resolve("nope.properties");
        ConfigException viaFlag = assertThrows(ConfigException.class,
                () -> ConfigLoader.settings(new String[] {"--config", missing.toString()}, Map.of(), sys()));
        assertTrue(viaFlag.getMessage().contains("config file not found: " + missing), viaFlag.getMessage());
        ConfigException viaSys = assertThrows(ConfigException.class,
                () -> ConfigLoader.settings(new String[0], Map.of(), sys("condure.config", missing.toString())));
        assertEquals(missing.toString(), viaSys.value());
    }

    @Test
    void configFlagWinsOverConfigSystemProperty() throws Exception {
        Path a = file("condure.id=a\n");
        Path b = dir.resolve("b.properties");
        Files.writeString(b, "condure.id=b\n");
        assertEquals("a", ConfigLoader.settings(new String[] {"--config=" + a}, Map.of(),
                sys("condure.config", b.toString())).id());
        assertEquals("b", ConfigLoader.settings(new String[0], Map.of(), sys("condure.config", b.toString())).id());
    }

    @Test
    void unknownKeyInFileIsAnError() throws Exception {
        Path f = file("condure.wrokers=4\nother.key=ignored\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.settings(new String[] {"--config", f.toString()}, Map.of(), sys()));
        assertEquals("condure.wrokers", e.key());
        assertTrue(e.getMessage().contains("unknown key condure.wrokers"), e.getMessage());
    }

    @Test
    void multiValuesInFileAreWhitespaceSeparatedAndCommasAreKept() throws Exception {
        Path f = file("condure.listen=0.0.0.0:7999,stream \\\n    [::1]:8001,stream,tls,default-cert=a\n"
                + "condure.zclient-stream=ipc:///tmp/a\ttcp://127.0.0.1:5000\n");
        Settings s = ConfigLoader.settings(new String[] {"--config", f.toString()}, Map.of(), sys());
        assertEquals(List.of(
                new TcpListen(new InetSocketAddress("0.0.0.0", 7999), ListenMode.STREAM, false, null),
                new TcpListen(new InetSocketAddress("::1", 8001), ListenMode.STREAM, true, "a")), s.listens());
        assertEquals(List.of("ipc:///tmp/a", "tcp://127.0.0.1:5000"), s.zclientStream());
    }

    @Test
    void multiValuesInEnvAndSysprops() throws Exception {
        Settings env = ConfigLoader.settings(new String[0],
                Map.of("CONDURE_LISTEN", "127.0.0.1:1,stream 127.0.0.1:2,stream"), sys());
        assertEquals(2, env.listens().size());
        Settings sys = ConfigLoader.settings(new String[0], Map.of(),
                sys("condure.zclient-stream", " ipc:///a  ipc:///b "));
        assertEquals(List.of("ipc:///a", "ipc:///b"), sys.zclientStream());
    }

    @Test
    void cliRepeatsReplaceLowerSourcesEntirely() throws Exception {
        Settings s = ConfigLoader.settings(new String[] {"--listen=1", "--listen=2"},
                Map.of("CONDURE_LISTEN", "3 4 5"), sys());
        assertEquals(List.of(1, 2), s.listens().stream().map(l -> ((TcpListen) l).address().getPort()).toList());
    }

    @Test
    void emptyListenWithZserverHasNoDefaultListener() throws Exception {
        assertEquals(List.of(), Configs.settings("--zserver-stream=ipc:///tmp/c").listens());
        assertEquals(List.of(), Configs.settings("--zserver-req=ipc:///tmp/r").listens());
        assertEquals(1, Configs.settings().listens().size());
    }

    @Test
    void publicLoadReadsRealSystemProperties() throws Exception {
        String old = System.getProperty("condure.messages-max");
        System.setProperty("condure.messages-max", "77");
        try {
            Settings s = assertInstanceOf(CliRequest.Run.class, ConfigLoader.load(new String[0], Map.of()))
                    .settings();
            assertEquals(77, s.messagesMax());
        } finally {
            if (old == null) {
                System.clearProperty("condure.messages-max");
            } else {
                System.setProperty("condure.messages-max", old);
            }
        }
    }
}
