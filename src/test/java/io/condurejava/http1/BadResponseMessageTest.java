package io.condurejava.http1;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages of rejected handler responses are logged by the server, so handler-supplied header names and
 * Content-Length values must appear escaped: a CR or LF in them must not split or forge a log line.
 */
class BadResponseMessageTest {
    private static final RequestHead GET11 = new RequestHead("GET", "/", HttpVersion.HTTP_1_1,
            List.of(new HttpHeader("Host", "a")));

    static Stream<Arguments> forgingHeaders() {
        return Stream.of(
                Arguments.of(Named.of("LF in name", new HttpHeader("X\nINFO forged line", "v"))),
                Arguments.of(Named.of("CR in name", new HttpHeader("X\rINFO forged line", "v"))),
                Arguments.of(Named.of("NUL in name", new HttpHeader("X\u0000Y", "v"))),
                Arguments.of(Named.of("CRLF in name, value bad too", new HttpHeader("X\r\nY", "a\r\nb"))),
                Arguments.of(Named.of("LF in Content-Length", new HttpHeader("Content-Length", "5\nINFO forged line"))),
                Arguments.of(Named.of("CR in Content-Length", new HttpHeader("Content-Length", "5\rINFO forged"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgingHeaders")
    void rejectionMessageHasNoControlCharacters(HttpHeader header) {
        BadResponseException e = assertThrows(BadResponseException.class,
                () -> ResponseHeadWriter.build(GET11, true, 200, "OK", List.of(header), 0));
        String message = e.getMessage();
        assertFalse(message.chars().anyMatch(c -> c < 0x20 || c == 0x7F), "control character in: " + message);
        assertTrue(message.contains("\\x"), "the offending byte is shown escaped: " + message);
    }

    @Test
    void showEscapesNonPrintablesAndBoundsTheLength() {
        assertEquals("a\\x0d\\x0ab\\x00\\x7f\\xe9\\u0100", Ascii.show("a\r\nb\u0000\u007f\u00e9\u0100"));
        assertEquals("x".repeat(Ascii.SHOW_MAX_CHARS) + "...", Ascii.show("x".repeat(Ascii.SHOW_MAX_CHARS + 1)));
    }
}
