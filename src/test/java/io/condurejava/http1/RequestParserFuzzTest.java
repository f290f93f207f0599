package io.condurejava.http1;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test of the request parser (Jazzer). A normal {@code mvn test} replays every file under
 * {@code src/test/resources/io/condurejava/http1/RequestParserFuzzTestInputs/requestsParseOrFailCleanly/}
 * (the seed corpus plus inputs that once found bugs); {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=RequestParserFuzzTest} fuzzes for {@code maxDuration} and saves any crashing input there.
 * The invariants are in {@link ParserHarness}. Runs on the JUnit thread.
 */
class RequestParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void requestsParseOrFailCleanly(byte[] data) {
        ParserHarness.check(data);
    }
}
