package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped etc/condure-java.properties lists exactly the code's keys, with the code's defaults and units. */
class ConfigFileSyncTest {
    /** Maven runs tests with the project directory as working directory. */
    static final Path FILE = Path.of("etc/condure-java.properties");

    private static Properties load() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void keySetEqualsCodeKeySet() throws IOException {
        Set<String> code = Arrays.stream(Key.values()).map(Key::property).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(code, new TreeSet<>(load().stringPropertyNames()));
    }

    @Test
    void everyValueIsTheCodeDefault() throws IOException {
        Properties p = load();
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (Key k : Key.values()) {
            expected.put(k.property(), k.defaultValue);
            actual.put(k.property(), p.getProperty(k.property()));
        }
        assertEquals(expected, actual);
    }

    @Test
    void everyKeyHasACommentWithItsUnit() throws IOException {
        List<String> lines = Files.readAllLines(FILE);
        for (Key k : Key.values()) {
            int at = lines.indexOf(k.property() + "=" + k.defaultValue);
            assertTrue(at > 0, k.property());
            StringBuilder comment = new StringBuilder();
            for (int i = at - 1; i >= 0 && lines.get(i).startsWith("#"); i--) {
                comment.insert(0, lines.get(i) + "\n");
            }
            String c = comment.toString();
            if (k.kind == Key.Kind.LIST) {
                assertTrue(c.startsWith("# Multi."), k.property() + ":\n" + c);
            } else {
                assertTrue(c.contains("Unit: " + k.unit + "."), k.property() + ":\n" + c);
            }
        }
    }

    @Test
    void theShippedFileLoadsToTheDefaults() throws Exception {
        Settings fromFile = ConfigLoader.settings(new String[] {"--config", FILE.toString()}, Map.of(), Map.of());
        assertEquals(Configs.settings(), fromFile);
    }

    @Test
    void loggingFileAndBuiltInCopyAreIdentical() throws IOException {
        byte[] file = Files.readAllBytes(Path.of("etc/logging.properties"));
        try (InputStream in = ConfigFileSyncTest.class.getResourceAsStream("/condure-logging.properties")) {
            assertTrue(in != null, "condure-logging.properties on the classpath");
            assertEquals(new String(file, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
