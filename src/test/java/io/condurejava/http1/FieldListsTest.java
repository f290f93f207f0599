package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token lookups in list fields (RFC 9110 §5.6.1), element by element, as Connection and the WebSocket handshake use them. */
class FieldListsTest {

    @Test
    void tokensAreWholeElementsComparedWithoutCase() {
        assertTrue(FieldLists.hasToken("Upgrade", "upgrade"));
        assertTrue(FieldLists.hasToken("keep-alive,\tUpgrade ", "upgrade"), "tabs and spaces around an element");
        assertTrue(FieldLists.hasToken(",,upgrade,", "Upgrade"), "empty elements are skipped over");
        assertTrue(FieldLists.hasToken("a, b ,upgrade", "upgrade"), "the last element");
        assertFalse(FieldLists.hasToken("upgraded, keep-alive", "upgrade"), "a longer element");
        assertFalse(FieldLists.hasToken("up grade", "upgrade"), "inner whitespace is part of the element");
        assertFalse(FieldLists.hasToken("\u000bupgrade", "upgrade"), "only spaces and tabs are optional whitespace");
        assertFalse(FieldLists.hasToken("", "upgrade"));
        assertFalse(FieldLists.hasToken(" , ", "upgrade"));
    }

    @Test
    void anyFieldOfTheNameMayHoldTheToken() {
        List<HttpHeader> headers = List.of(new HttpHeader("Connection", "keep-alive"), new HttpHeader("Host", "upgrade"),
                new HttpHeader("connection", "Upgrade"));
        assertTrue(FieldLists.hasToken(headers, "Connection", "upgrade"));
        assertFalse(FieldLists.hasToken(headers, "Connection", "close"));
        assertFalse(FieldLists.hasToken(headers, "Upgrade", "upgrade"), "a token in another field does not count");
    }
}
