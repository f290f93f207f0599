package io.condurejava.zhttp;

import static io.condurejava.zhttp.ZhttpVectors.h;
import static io.condurejava.zhttp.ZhttpVectors.latin1;
import static io.condurejava.zhttp.ZhttpVectors.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte-exact encoding and decoding of the reference's worked examples. */
class ZhttpVectorsTest {

    static List<ZhttpVectors.Vector> vectors() {
        return ZhttpVectors.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesByteExact(ZhttpVectors.Vector v) {
        byte[] got = ZhttpCodec.encode(v.packet());
        assertEquals(ZhttpVectors.show(v.wire()), ZhttpVectors.show(got));
        assertArrayEquals(v.wire(), got);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToModel(ZhttpVectors.Vector v) throws ZhttpFormatException {
        assertEquals(v.packet(), ZhttpCodec.decode(v.wire()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesInsideLargerBufferWithTrailingBytes(ZhttpVectors.Vector v) throws ZhttpFormatException {
        byte[] buf = ZhttpVectors.concat(latin1("condure "), v.wire(), latin1("trailing garbage"));
        assertEquals(v.packet(), ZhttpCodec.decode(buf, 8, buf.length - 8));
    }

    @Test
    void initialRequestFieldsAreRead() throws ZhttpFormatException {
        ZhttpPacket p = ZhttpCodec.decode(ZhttpVectors.condureMessages().get(0).wire());
        assertEquals("condure", p.from());
        assertEquals("0-0-0", p.firstId());
        assertEquals(0, p.firstSeq());
        assertTrue(p.multi());
        Data d = assertInstanceOf(Data.class, p.payload());
        assertEquals("GET", d.method());
        assertEquals("http://example.com:18100/path?x=1", d.uri());
        assertEquals(List.of(h("Host", "example.com:18100"), h("User-Agent", "test"), h("Accept", "*/*")),
                d.headers());
        assertEquals(8192, d.credits());
        assertTrue(d.stream());
        assertEquals("127.0.0.1", d.peerAddress());
        assertEquals(52108, d.peerPort());
        assertEquals(-1, d.code());
        assertEquals(0, d.body().length);
    }

    @Test
    void responseWithLineFeedInBody() throws ZhttpFormatException {
        ZhttpPacket p = ZhttpCodec.decode(ZhttpVectors.handlerMessages().get(0).wire());
        Data d = assertInstanceOf(Data.class, p.payload());
        assertEquals("h1", p.from());
        assertEquals(200, d.code());
        assertEquals("OK", d.reason());
        assertEquals("hello world\n", text(d.body()));
        assertEquals(false, p.multi());
        assertNull(d.method());
    }

    @Test
    void websocketAcceptWithEmptyHeaderList() throws ZhttpFormatException {
        // 11.3 step 3: Pushpin writes an empty headers list; we decode it but never write one.
        String wire = "T119:4:from,8:handler1,2:id,6:0-7-85,3:seq,1:0#4:code,3:101#6:reason,19:Switching Protocols,7:headers,0:]7:credits,6:200000#}";
        ZhttpPacket p = ZhttpCodec.decode(latin1(wire));
        Data d = assertInstanceOf(Data.class, p.payload());
        assertEquals(101, d.code());
        assertEquals("Switching Protocols", d.reason());
        assertEquals(List.of(), d.headers());
        assertEquals(200000, d.credits());
        assertEquals(0, p.firstSeq());
        String reencoded = text(ZhttpCodec.encode(p));
        assertEquals(wire.replace("7:headers,0:]", "").replace("T119:", "T106:"), reencoded);
    }

    @Test
    void closeWithoutReasonAndPongFromClient() throws ZhttpFormatException {
        Close c = assertInstanceOf(Close.class, ZhttpCodec.decode(latin1(
                "T53:2:id,6:0-7-85,3:seq,1:5#4:type,5:close,4:code,4:1001#}")).payload());
        assertEquals(1001, c.code());
        assertEquals(0, c.reason().length);
        Pong g = assertInstanceOf(Pong.class, ZhttpCodec.decode(latin1(
                "T50:2:id,6:0-7-85,3:seq,1:4#4:type,4:pong,4:body,2:cp,}")).payload());
        assertEquals("cp", text(g.body()));
    }

    @Test
    void reqModeRequestWithoutFrom() throws ZhttpFormatException {
        ZhttpPacket p = ZhttpCodec.decode(latin1(
                "T54:2:id,6:0-3-74,3:ext,15:5:multi,4:true!}6:method,3:GET,}"));
        assertNull(p.from());
        assertEquals(IdSeq.NO_SEQ, p.firstSeq());
        assertEquals("GET", ((Data) p.payload()).method());
        assertEquals("T54:2:id,6:0-3-74,3:ext,15:5:multi,4:true!}6:method,3:GET,}", text(ZhttpCodec.encode(p)));
    }
}
