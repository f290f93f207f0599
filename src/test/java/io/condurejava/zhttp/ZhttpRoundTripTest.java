package io.condurejava.zhttp;

import static io.condurejava.zhttp.Tn.bool;
import static io.condurejava.zhttp.Tn.dict;
import static io.condurejava.zhttp.Tn.list;
import static io.condurejava.zhttp.Tn.num;
import static io.condurejava.zhttp.Tn.packet;
import static io.condurejava.zhttp.Tn.raw;
import static io.condurejava.zhttp.Tn.str;
import static io.condurejava.zhttp.Tn.withId;
import static io.condurejava.zhttp.ZhttpVectors.h;
import static io.condurejava.zhttp.ZhttpVectors.latin1;
import static io.condurejava.zhttp.ZhttpVectors.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.http1.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every payload type with all fields survives encode → decode; decoder leniency rules (duplicates, unknown keys). */
class ZhttpRoundTripTest {
    private static final String ALL_BYTES = allBytes();

    private static String allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return text(b);
    }

    static Data fullData() {
        return Data.builder().method("PÜT").uri("https://exämple.com/ü?q=✓").code(299).reason("Fine ✓")
                .headers(List.of(h("Host", "example.com"), h("X-Binary", ALL_BYTES), h("X-Dup", "1"),
                        h("x-dup", "2")))
                .contentType("binary").body(latin1(ALL_BYTES)).credits(Integer.MAX_VALUE).more(true).stream(true)
                .maxSize(10_000_000_000L).timeout(0).peerAddress("::1").peerPort(65535).connectHost("backend.local")
                .connectPort(0).ignorePolicies(true).trustConnectHost(true).ignoreTlsErrors(true)
                .followRedirects(true).build();
    }

    static Stream<Payload> payloads() {
        return Stream.of(fullData(), Data.builder().build(), Data.body(latin1("x"), false),
                Data.message("text", "héllo".getBytes(StandardCharsets.UTF_8), true),
                new ErrorPacket("rejected", 403, "Forbidden", List.of(h("Content-Type", "text/plain")),
                        latin1("go away\n")),
                ErrorPacket.rejected(404, "Not Found", List.of(), null), ErrorPacket.of("remote-connection-failed"),
                new Credit(0), new Credit(123456), new KeepAlive(), new Cancel(), new HandoffStart(),
                new HandoffProceed(), Close.of(4000, "bye ✓"), new Close(-1, null), new Close(1005, null),
                new Ping(latin1("p"), 7), new Ping(null, 0), new Pong(latin1(ALL_BYTES.substring(0, 125)), 9),
                new Pong(null, 0));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void singleIdRoundTrip(Payload payload) throws ZhttpFormatException {
        ZhttpPacket p = ZhttpPacket.of("hdl-\u00ff\u0001", "0-0-1", 42, true, payload);
        ZhttpPacket back = ZhttpCodec.decode(ZhttpCodec.encode(p));
        assertEquals(p, back);
        assertEquals(payload.typeName(), back.payload().typeName());
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void encodedInPlaceIsTheSameBytesAndDecodesFromItsSlice(Payload payload) throws ZhttpFormatException {
        ZhttpPacket p = ZhttpPacket.of("hdl", "0-0-1", 42, true, payload);
        EncodedPacket slice = ZhttpCodec.encodeInPlace(p);
        byte[] bytes = java.util.Arrays.copyOfRange(slice.bytes(), slice.offset(), slice.offset() + slice.length());
        org.junit.jupiter.api.Assertions.assertArrayEquals(ZhttpCodec.encode(p), bytes);
        assertEquals(p, ZhttpCodec.decode(slice.bytes(), slice.offset(), slice.length()));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void idListRoundTrip(Payload payload) throws ZhttpFormatException {
        ZhttpPacket p = new ZhttpPacket(null,
                List.of(new IdSeq("a", 0), new IdSeq("b", IdSeq.NO_SEQ), new IdSeq("c\u00e9", Long.MAX_VALUE)),
                false, payload);
        assertEquals(p, ZhttpCodec.decode(ZhttpCodec.encode(p)));
    }

    @Test
    void idListWritesSeqPerEntry() {
        ZhttpPacket p = new ZhttpPacket("c", List.of(new IdSeq("a", 3), new IdSeq("b", IdSeq.NO_SEQ)), false,
                new Cancel());
        assertEquals("T71:4:from,1:c,2:id,35:19:2:id,1:a,3:seq,1:3#}9:2:id,1:b,}]4:type,6:cancel,}",
                text(ZhttpCodec.encode(p)));
    }

    @Test
    void oneHundredTwentyEightIdsRoundTrip() throws ZhttpFormatException {
        List<IdSeq> ids = new ArrayList<>();
        for (int i = 0; i < ZhttpCodec.IDS_PER_MESSAGE_MAX; i++) {
            ids.add(new IdSeq("0-" + i + "-" + Integer.toHexString(i * 977), i));
        }
        ZhttpPacket p = new ZhttpPacket("condure", ids, true, new KeepAlive());
        assertEquals(p, ZhttpCodec.decode(ZhttpCodec.encode(p)));
    }

    @Test
    void idListsOfEveryLengthRoundTrip() throws ZhttpFormatException {
        for (int n = 1; n <= 40; n++) {
            List<IdSeq> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(new IdSeq("id" + i, 1000 + i));
            }
            ZhttpPacket p = new ZhttpPacket("condure", ids, true, new Credit(n));
            assertEquals(p, ZhttpCodec.decode(ZhttpCodec.encode(p)), n + " ids");
        }
    }

    @Test
    void encodeRejectsTooManyIdsAndTooManyValues() {
        List<IdSeq> ids = new ArrayList<>();
        for (int i = 0; i <= ZhttpCodec.IDS_PER_MESSAGE_MAX; i++) {
            ids.add(new IdSeq("id" + i, 0));
        }
        assertThrows(IllegalArgumentException.class,
                () -> ZhttpCodec.encode(new ZhttpPacket("c", ids, true, new KeepAlive())));
        List<HttpHeader> headers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            headers.add(h("X-" + i, "v"));
        }
        assertThrows(IllegalArgumentException.class, () -> ZhttpCodec.encode(
                ZhttpPacket.of("c", "1", 0, false, Data.builder().headers(headers).build())));
    }

    @Test
    void defaultsAreOmitted() {
        assertEquals("T20:4:from,1:c,2:id,1:1,}",
                text(ZhttpCodec.encode(ZhttpPacket.of("c", "1", IdSeq.NO_SEQ, false, Data.builder().build()))));
        assertEquals("T19:2:id,1:1,3:seq,1:0#}",
                text(ZhttpCodec.encode(ZhttpPacket.of(null, "1", 0, false,
                        Data.builder().method("").reason("").more(false).credits(0).build()))));
        assertEquals("T39:2:id,1:1,4:type,6:credit,7:credits,1:0#}",
                text(ZhttpCodec.encode(ZhttpPacket.of(null, "1", IdSeq.NO_SEQ, false, new Credit(0)))));
        // a rejected error always carries its body, as Condure writes it
        assertTrue(text(ZhttpCodec.encode(ZhttpPacket.of(null, "1", 0, false,
                ErrorPacket.rejected(403, "Forbidden", List.of(), null)))).endsWith("4:body,0:,}"));
    }

    @Test
    void unknownKeysOfEveryTypeAreSkipped() throws ZhttpFormatException {
        byte[] deep = str("x");
        for (int i = 0; i < 5000; i++) {
            deep = list(deep);
        }
        byte[] wire = ZhttpVectors.concat(latin1("T"), dict(str("id"), str("1"), str("user-data"),
                dict(str("f"), raw("1.5", '^'), str("n"), raw("", '~'), str("l"), list(num(1), list(num(2)))),
                str("float"), raw("-0.25e3", '^'), str("null"), raw("", '~'), str("deep"), deep,
                Tn.bytes("\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8)), bool(false), str("body"), str("ok")));
        ZhttpPacket p = ZhttpCodec.decode(wire);
        assertEquals("ok", text(((Data) p.payload()).body()));
    }

    @Test
    void laterDuplicateKeyWinsAndHeadersAccumulate() throws ZhttpFormatException {
        byte[] wire = withId(str("from"), str("a"), str("from"), str("b"), str("code"), num(200), str("code"),
                num(404), str("headers"), list(list(str("A"), str("1"))), str("headers"),
                list(list(str("B"), str("2"), str("ignored third item"))), str("more"), bool(true), str("more"),
                bool(false));
        ZhttpPacket p = ZhttpCodec.decode(wire);
        Data d = (Data) p.payload();
        assertEquals("b", p.from());
        assertEquals(404, d.code());
        assertEquals(List.of(h("A", "1"), h("B", "2")), d.headers());
        assertEquals(false, d.more());
    }

    @Test
    void idFormsCombineLikeCondure() throws ZhttpFormatException {
        // seq before id, list ids append, a later string id renames the first entry, top-level seq sets the first
        byte[] wire = packet(str("seq"), num(5), str("id"), list(dict(str("id"), str("x"), str("seq"), num(1)),
                dict(str("seq"), num(2))), str("id"), str("first"));
        ZhttpPacket p = ZhttpCodec.decode(wire);
        assertEquals(List.of(new IdSeq("first", 5), new IdSeq("x", 1), new IdSeq("", 2)), p.ids());
    }

    @Test
    void fieldsUnusedByTheTypeAreNotChecked() throws ZhttpFormatException {
        // like Condure, a keep-alive does not look at data fields, so their types do not matter
        ZhttpPacket p = ZhttpCodec.decode(withId(str("type"), str("keep-alive"), str("method"), num(5),
                str("credits"), str("x")));
        assertInstanceOf(KeepAlive.class, p.payload());
        Credit c = (Credit) ZhttpCodec.decode(withId(str("type"), str("credit"), str("body"), num(1),
                str("credits"), num(9))).payload();
        assertEquals(9, c.credits());
    }

    @Test
    void emptyTypeMeansDataAndBinaryContentType() throws ZhttpFormatException {
        Data d = (Data) ZhttpCodec.decode(withId(str("type"), str(""), str("content-type"), str("binary"),
                str("body"), Tn.bytes(new byte[] {0, (byte) 0xff}))).payload();
        assertTrue(d.isBinary());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, d.body());
    }

    @Test
    void decodedCollectionsAreUnmodifiable() throws ZhttpFormatException {
        ZhttpPacket p = ZhttpCodec.decode(ZhttpCodec.encode(ZhttpPacket.of("c", "1", 0, true, fullData())));
        assertThrows(UnsupportedOperationException.class, () -> p.ids().add(new IdSeq("z", 0)));
        assertThrows(UnsupportedOperationException.class, () -> ((Data) p.payload()).headers().clear());
    }

    @Test
    void toBuilderCopiesEveryField() {
        assertEquals(fullData(), fullData().toBuilder().build());
    }
}
