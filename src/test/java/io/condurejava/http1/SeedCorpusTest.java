package io.condurejava.http1;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the fuzz seed corpus meaningful: a seed named {@code bad-*} ends in a violation,
 * {@code truncated-*} in an EOF inside a request, {@code pipelined-*} parses two or more requests,
 * and every other seed parses cleanly to the end. Runs on the JUnit thread.
 */
class SeedCorpusTest {
    private static final Path SEEDS = Path.of("src/test/resources/io/condurejava/http1/RequestParserFuzzTestInputs/requestsParseOrFailCleanly");

    static Stream<Path> seeds() throws IOException {
        return Files.list(SEEDS).filter(p -> !p.getFileName().toString().startsWith("crash-")).sorted();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void seedEndsTheWayItsNameSays(Path seed) throws IOException {
        byte[] data = Files.readAllBytes(seed);
        String name = seed.getFileName().toString();
        ParserHarness.Transcript t = ParserHarness.run(new ByteArrayInputStream(data), ParserHarness.BUFFER_BYTES, data,
                new Random(1));
        if (name.startsWith("bad-")) {
            assertTrue(t.end().startsWith("violation "), t.toString());
        } else if (name.startsWith("truncated-")) {
            assertEquals("truncated", t.end(), t.toString());
        } else {
            assertEquals("eof", t.end(), t.toString());
            assertTrue(t.exchanges().size() >= (name.startsWith("pipelined-") ? 2 : 1), t.toString());
        }
        ParserHarness.check(data);
    }
}
