package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gate refuses options parsed but not implemented, each with a message naming it; today every
 * option is implemented, so the refusals are shown with an explicit list.
 */
class FeatureGateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--zserver-req=ipc:///tmp/r    | zserver-req    | --zserver-req is not implemented yet in condure-java",
        "--zserver-stream=ipc:///tmp/s | zserver-stream | --zserver-stream is not implemented yet in condure-java",
        "--compression                 | compression    | --compression is not implemented yet in condure-java",
    })
    void refusesEachListedFeature(String arg, String feature, String message) throws ConfigException {
        Settings s = Configs.settings(arg);
        assertEquals(message, assertThrows(ConfigException.class, () -> FeatureGate.check(s, Set.of(feature))).getMessage());
    }

    @Test
    void nothingIsRefusedAnyMore() {
        assertEquals(Set.of(), FeatureGate.NOT_IMPLEMENTED);
    }

    @Test
    void namesEveryRefusedFeatureAtOnce() throws ConfigException {
        Settings s = Configs.settings("--zserver-req=ipc:///tmp/r", "--zserver-stream=ipc:///tmp/s");
        ConfigException e = assertThrows(ConfigException.class, () -> FeatureGate.check(s,
                Set.of(FeatureGate.ZSERVER_REQ, FeatureGate.ZSERVER_STREAM)));
        assertEquals("--zserver-req, --zserver-stream"
                + " are not implemented yet in condure-java", e.getMessage());
        assertEquals("condure.zserver-req", e.key());
    }

    @Test
    void implementedOptionsPass() throws ConfigException {
        assertInstanceOf(CliRequest.Run.class, ConfigLoader.load(new String[] {"--listen=8000,stream",
            "--deny-out-internal", "--zclient-connect", "--compression"}, Map.of(), Configs.NO_FILE));
        assertInstanceOf(CliRequest.Run.class, ConfigLoader.load(new String[] {"--zserver-stream=ipc:///tmp/c",
            "--zserver-connect"}, Map.of(), Configs.NO_FILE));
        assertInstanceOf(CliRequest.Run.class, ConfigLoader.load(new String[] {"--zserver-req=ipc:///tmp/r"},
            Map.of(), Configs.NO_FILE));
    }

    @Test
    void removingAnEntryLetsTheFeatureThrough() throws ConfigException {
        Settings s = Configs.settings("--zserver-req=ipc:///tmp/r");
        assertThrows(ConfigException.class, () -> FeatureGate.check(s, Set.of(FeatureGate.ZSERVER_REQ)));
        FeatureGate.check(s, Set.of(FeatureGate.ZSERVER_STREAM));
        FeatureGate.check(s);
    }
}
