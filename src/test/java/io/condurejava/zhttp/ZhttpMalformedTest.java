package io.condurejava.zhttp;

import static io.condurejava.zhttp.Tn.bool;
import static io.condurejava.zhttp.Tn.dict;
import static io.condurejava.zhttp.Tn.list;
import static io.condurejava.zhttp.Tn.num;
import static io.condurejava.zhttp.Tn.packet;
import static io.condurejava.zhttp.Tn.raw;
import static io.condurejava.zhttp.Tn.str;
import static io.condurejava.zhttp.Tn.withId;
import static io.condurejava.zhttp.ZhttpVectors.concat;
import static io.condurejava.zhttp.ZhttpVectors.latin1;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input of every kind is rejected with ZhttpFormatException, and only with it. */
class ZhttpMalformedTest {
    private static final byte[] NOT_UTF8 = {'G', (byte) 0xc3, 'T'};

    private static void rejects(byte[] wire, String messagePart) {
        ZhttpFormatException e = assertThrows(ZhttpFormatException.class, () -> ZhttpCodec.decode(wire),
                () -> "accepted: " + ZhttpVectors.show(wire));
        assertTrue(e.getMessage().contains(messagePart),
                () -> "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
    }

    private static void rejects(String wire, String messagePart) {
        rejects(latin1(wire), messagePart);
    }

    @Test
    void missingOrWrongLeadByte() {
        rejects(new byte[0], "'T'");
        rejects("X5:1:a,}", "'T'");
        rejects("t14:2:id,1:1,}", "'T'");
        rejects("T", "no value");
    }

    @Test
    void everyTruncationOfAValidPacketIsRejected() {
        for (ZhttpVectors.Vector v : ZhttpVectors.all()) {
            if (v.wire().length > 2000) {
                continue;
            }
            for (int n = 0; n < v.wire().length; n++) {
                byte[] cut = Arrays.copyOf(v.wire(), n);
                assertThrows(ZhttpFormatException.class, () -> ZhttpCodec.decode(cut), v.name() + " cut at " + n);
            }
        }
    }

    @Test
    void badLengthPrefixes() {
        rejects("T+5:2:id,1:1,}", "digits");
        rejects("T-5:2:id,1:1,}", "digits");
        rejects("T 14:2:id,1:1,}", "digits");
        rejects("Ta:2:id,1:1,}", "digits");
        rejects("T:2:id,1:1,}", "empty length prefix");
        rejects("T14x:2:id,1:1,}", "digits");
        rejects("T14", "end of data");
        rejects("T99999999999:", "too long");
        rejects("T9999999999:2:id,1:1,}", "truncated");
        rejects("T15:2:id,1:1,}", "truncated");
        rejects("T10:2:id,+1:1,}", "digits");
        rejects("T8:2:id,1:1,}", "root must be of type dict"); // a short length moves the type byte
        rejects("T9:2:id,1:1,]", "root must be of type dict");
        rejects("T10:2:id,1:1,}", "truncated"); // one too long
    }

    @Test
    void topLevelMustBeADictOfStringKeys() {
        rejects("T5:hello,", "root must be of type dict");
        rejects("T0:]", "root must be of type dict");
        rejects("T3:abcX", "unknown type byte");
        rejects(packet(num(1), str("x")), "dict key must be a string");
        rejects(packet(str("id"), str("1"), str("from")), "without a value");
        rejects(packet(str("id"), str("1"), Tn.bytes(new byte[] {(byte) 0xff}), num(1)), "dict key must be a utf-8");
    }

    @Test
    void wrongTypesForKnownFields() {
        rejects(withId(str("from"), num(1)), "from must be of type string");
        rejects(packet(str("id"), num(1)), "id must be of type list or string");
        rejects(packet(str("id"), list(str("x"))), "id list item must be of type dict");
        rejects(packet(str("id"), list(dict(str("id"), num(1)))), "id must be of type string");
        rejects(withId(str("seq"), str("1")), "seq must be of type int");
        rejects(withId(str("type"), num(1)), "type must be of type string");
        rejects(withId(str("ext"), str("multi")), "ext must be of type dict");
        rejects(withId(str("ext"), dict(str("multi"), str("true"))), "multi must be of type bool");
        rejects(withId(str("method"), num(1)), "method must be of type string");
        rejects(withId(str("headers"), str("Host: x")), "headers must be of type list");
        rejects(withId(str("headers"), list(str("Host"))), "header item must be of type list");
        rejects(withId(str("headers"), list(list(str("Host")))), "size 2");
        rejects(withId(str("headers"), list(list())), "size 2");
        rejects(withId(str("headers"), list(list(num(1), str("x")))), "header name must be of type string");
        rejects(withId(str("headers"), list(list(str("Host"), num(1)))), "header value must be of type string");
        rejects(withId(str("body"), num(1)), "body must be of type string");
        rejects(withId(str("credits"), bool(true)), "credits must be of type int");
        rejects(withId(str("credits"), raw("1.5", '^')), "credits must be of type int");
        rejects(withId(str("more"), num(1)), "more must be of type bool");
        rejects(withId(str("more"), raw("", '~')), "more must be of type bool");
        rejects(withId(str("code"), str("200")), "code must be of type int");
        rejects(withId(str("peer-port"), str("80")), "peer-port must be of type int");
        rejects(withId(str("follow-redirects"), str("yes")), "follow-redirects must be of type bool");
        rejects(withId(str("type"), str("error"), str("condition"), num(1)), "condition must be of type string");
        rejects(withId(str("type"), str("close"), str("code"), str("1000")), "code must be of type int");
        rejects(withId(str("type"), str("ping"), str("body"), list()), "body must be of type string");
    }

    @Test
    void negativeNumbersAreRejected() {
        for (String f : List.of("credits", "code", "peer-port", "max-size", "timeout", "connect-port")) {
            rejects(withId(str(f), num(-1)), f + " must not be negative");
        }
        rejects(withId(str("seq"), num(-1)), "seq must not be negative");
        rejects(packet(str("id"), list(dict(str("id"), str("a"), str("seq"), num(-3)))), "seq must not be negative");
        rejects(withId(str("type"), str("credit"), str("credits"), num(-5)), "credits must not be negative");
    }

    @Test
    void numbersOutOfRange() {
        rejects(withId(str("credits"), num(Integer.MAX_VALUE + 1L)), "credits out of range");
        rejects(withId(str("code"), num(65536)), "code out of range");
        rejects(withId(str("peer-port"), num(70000)), "peer-port out of range");
        rejects(withId(str("seq"), raw("9223372036854775808", '#')), "out of range");
        rejects(withId(str("seq"), raw("99999999999999999999", '#')), "out of range");
        rejects(withId(str("seq"), raw("123456789012345678901", '#')), "invalid integer");
    }

    @Test
    void malformedScalars() {
        rejects(withId(str("seq"), raw("", '#')), "invalid integer");
        rejects(withId(str("seq"), raw("-", '#')), "invalid integer");
        rejects(withId(str("seq"), raw("+5", '#')), "invalid integer");
        rejects(withId(str("seq"), raw("1a", '#')), "invalid integer");
        rejects(withId(str("seq"), raw(" 1", '#')), "invalid integer");
        rejects(withId(str("more"), raw("True", '!')), "invalid boolean");
        rejects(withId(str("more"), raw("yes", '!')), "invalid boolean");
        rejects(withId(str("more"), raw("", '!')), "invalid boolean");
    }

    @Test
    void nonUtf8WhereUtf8IsRequired() {
        for (String f : List.of("method", "uri", "reason", "peer-address", "connect-host", "type")) {
            rejects(withId(str(f), Tn.bytes(NOT_UTF8)), f + " must be a utf-8 string");
        }
        rejects(withId(str("type"), str("error"), str("condition"), Tn.bytes(NOT_UTF8)), "condition must be a utf-8");
        rejects(withId(str("headers"), list(list(Tn.bytes(NOT_UTF8), str("v")))), "header name must be a utf-8");
        rejects(withId(str("type"), str("close"), str("code"), num(1000), str("body"), Tn.bytes(NOT_UTF8)),
                "close reason must be a utf-8");
        // overlong encoding and a UTF-16 surrogate are not UTF-8 either
        rejects(withId(str("method"), Tn.bytes(new byte[] {(byte) 0xc0, (byte) 0xaf})), "utf-8");
        rejects(withId(str("method"), Tn.bytes(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})), "utf-8");
        // header values and bodies are arbitrary bytes
        assertDoesNotThrow(() -> ZhttpCodec.decode(withId(str("headers"), list(list(str("X"), Tn.bytes(NOT_UTF8))),
                str("body"), Tn.bytes(NOT_UTF8))));
    }

    @Test
    void idAndHeaderCountLimits() {
        assertDoesNotThrow(() -> ZhttpCodec.decode(packet(str("id"), idList(128))));
        rejects(packet(str("id"), idList(129)), "too many ids");
        rejects(packet(str("id"), idList(100), str("id"), idList(29)), "too many ids");
        assertDoesNotThrow(() -> ZhttpCodec.decode(withId(str("headers"), headerList(64))));
        rejects(withId(str("headers"), headerList(65)), "too many headers");
        rejects(withId(str("headers"), headerList(40), str("headers"), headerList(25)), "too many headers");
        rejects(withId(str("type"), str("error"), str("headers"), headerList(65)), "too many headers");
    }

    private static byte[] idList(int n) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(dict(str("id"), str("i" + i), str("seq"), num(0)));
        }
        return list(items.toArray(new byte[0][]));
    }

    private static byte[] headerList(int n) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(list(str("X-" + i), str("v")));
        }
        return list(items.toArray(new byte[0][]));
    }

    @Test
    void lengthLimitsOnFromAndId() {
        String b64 = "f".repeat(64);
        assertDoesNotThrow(() -> ZhttpCodec.decode(withId(str("from"), str(b64))));
        rejects(withId(str("from"), str(b64 + "f")), "from longer than 64");
        assertDoesNotThrow(() -> ZhttpCodec.decode(packet(str("id"), str(b64))));
        rejects(packet(str("id"), str(b64 + "i")), "id longer than 64");
        rejects(packet(str("id"), list(dict(str("id"), str(b64 + "i")))), "id longer than 64");
    }

    @Test
    void unknownTypeAndMissingId() {
        rejects(withId(str("type"), str("bogus")), "unknown type: bogus");
        rejects(withId(str("type"), str("data")), "unknown type: data");
        rejects(withId(str("type"), str("Credit")), "unknown type");
        rejects(packet(str("from"), str("x"), str("type"), str("keep-alive")), "no id");
        rejects(packet(), "no id");
    }

    @Test
    void deepNestingInKnownFieldsIsRejectedWithoutRecursion() {
        byte[] deep = str("x");
        for (int i = 0; i < 3000; i++) {
            deep = list(deep);
        }
        rejects(withId(str("headers"), list(deep)), "header name must be of type string");
        rejects(packet(str("id"), deep), "id list item must be of type dict");
        rejects(withId(str("body"), deep), "body must be of type string");
        byte[] truncatedDeep = Arrays.copyOf(deep, deep.length - 1);
        rejects(withId(str("user-data"), truncatedDeep), "");
    }

    @Test
    void trailingBytesAfterTheRootAreIgnored() {
        byte[] wire = concat(withId(str("type"), str("cancel")), latin1("garbage: 5:]}!"), new byte[] {0, -1});
        assertDoesNotThrow(() -> ZhttpCodec.decode(wire));
    }
}
