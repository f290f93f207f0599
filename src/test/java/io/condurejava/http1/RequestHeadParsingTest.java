package io.condurejava.http1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static io.condurejava.http1.Wire.bytes;
import static io.condurejava.http1.Wire.text;
import static org.junit.jupiter.api.Assertions.*;

/** Well-formed requests of every form, pipelining, buffer limits and EOF handling. */
class RequestHeadParsingTest {

    private static RequestHead parse(String raw) throws IOException {
        RequestHead whole = new HttpInput(Wire.whole(raw), 8192).readRequestHead(64);
        RequestHead trickled = new HttpInput(Wire.oneByteAtATime(raw), 8192).readRequestHead(64);
        assertEquals(whole, trickled);
        return whole;
    }

    @Test
    void originFormGetKeepsHeadersVerbatimInOrder() throws IOException {
        RequestHead h = parse("GET /path?x=1 HTTP/1.1\r\nHost: example.com:18100\r\nUser-Agent: test\r\nAccept: */*\r\n\r\n");
        assertEquals("GET", h.method());
        assertEquals("/path?x=1", h.target());
        assertEquals(HttpVersion.HTTP_1_1, h.version());
        assertEquals(List.of(new HttpHeader("Host", "example.com:18100"), new HttpHeader("User-Agent", "test"),
                new HttpHeader("Accept", "*/*")), h.headers());
        assertEquals("example.com:18100", h.firstValue("HOST"));
        assertNull(h.firstValue("Cookie"));
        assertEquals(RequestFraming.of(h), new RequestFraming.NoBody());
        assertFalse(RequestFraming.of(h).hasBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET http://example.com/a?b HTTP/1.1", "GET HTTPS://example.com:8443 HTTP/1.1",
            "GET http://[::1]:80/ HTTP/1.1", "GET ws://example.com/chat HTTP/1.1", "GET urn:isbn:0451450523 HTTP/1.1",
            "CONNECT example.com:443 HTTP/1.1", "CONNECT [2001:db8::1]:443 HTTP/1.1", "CONNECT 10.0.0.1:1 HTTP/1.1",
            "OPTIONS * HTTP/1.1", "OPTIONS /x HTTP/1.1", "GET / HTTP/1.1", "GET //double?q=a[]&r=%20 HTTP/1.1",
            "M-SEARCH /~user/!$&'()*+,;=:@ HTTP/1.1", "get /lowercase-method-is-a-token HTTP/1.1",
    })
    void acceptsEveryRequestTargetForm(String requestLine) throws IOException {
        RequestHead h = parse(requestLine + "\r\nHost: h\r\n\r\n");
        assertEquals(requestLine.split(" ")[1], h.target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "example.com:80", "EXAMPLE.com:0", "10.0.0.1:65535", "[::1]",
            "[::ffff:10.0.0.1]:8080", "[v1.fe80::a+en1]", "xn--bcher-kva.example", "a%20b", "sub_domain.example"})
    void acceptsValidHostValues(String host) throws IOException {
        assertEquals(host, parse("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").firstValue("host"));
    }

    @Test
    void stripsOwsAroundValuesAndKeepsInnerWhitespaceAndObsText() throws IOException {
        RequestHead h = parse("GET / HTTP/1.1\r\nHost:a\r\nX: \t a \t b\t \r\nEmpty:\r\nBlank:   \r\nLatin: caf\u00e9\r\n\r\n");
        assertEquals("a", h.firstValue("host"));
        assertEquals("a \t b", h.firstValue("x"));
        assertEquals("", h.firstValue("empty"));
        assertEquals("", h.firstValue("blank"));
        assertEquals("caf\u00e9", h.firstValue("latin"));
    }

    @Test
    void duplicateHeadersAreKeptAndValuesListsThemInOrder() throws IOException {
        RequestHead h = parse("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nx-a: 2\r\nX-B: 3\r\nX-A: 4\r\n\r\n");
        assertEquals(List.of("1", "2", "4"), h.values("X-a"));
        assertEquals("1", h.firstValue("X-A"));
        assertEquals(List.of(), h.values("none"));
        assertThrows(UnsupportedOperationException.class, () -> h.headers().add(new HttpHeader("a", "b")));
    }

    @Test
    void http10NeedsNoHost() throws IOException {
        RequestHead h = parse("GET / HTTP/1.0\r\n\r\n");
        assertEquals(HttpVersion.HTTP_1_0, h.version());
        assertEquals("HTTP/1.0", h.version().text());
        assertEquals(List.of(), h.headers());
    }

    @Test
    void contentLengthFramingFoldsIdenticalValues() throws IOException {
        String post = "POST / HTTP/1.1\r\nHost: a\r\n";
        assertEquals(new RequestFraming.FixedLength(5), RequestFraming.of(parse(post + "Content-Length: 5\r\n\r\n")));
        assertEquals(new RequestFraming.FixedLength(5), RequestFraming.of(parse(post + "Content-Length: 5, 5\r\n\r\n")));
        assertEquals(new RequestFraming.FixedLength(5),
                RequestFraming.of(parse(post + "Content-Length: 5\r\ncontent-length: 005\r\n\r\n")));
        assertEquals(new RequestFraming.FixedLength(Long.MAX_VALUE),
                RequestFraming.of(parse(post + "Content-Length: 9223372036854775807\r\n\r\n")));
        RequestFraming zero = RequestFraming.of(parse(post + "Content-Length: 0\r\n\r\n"));
        assertEquals(new RequestFraming.FixedLength(0), zero);
        assertFalse(zero.hasBody());
        assertTrue(new RequestFraming.FixedLength(1).hasBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", "CHUNKED", " chunked "})
    void transferEncodingChunkedIsCaseInsensitive(String value) throws IOException {
        RequestFraming f = RequestFraming.of(parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:" + value + "\r\n\r\n"));
        assertEquals(new RequestFraming.Chunked(), f);
        assertTrue(f.hasBody());
    }

    @Test
    void oneLeadingEmptyLineIsIgnored() throws IOException {
        assertEquals("/x", parse("\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n").target());
    }

    @Test
    void cleanEofReturnsNullButEofInsideAHeadIsAnIoErrorNotAViolation() throws IOException {
        assertNull(new HttpInput(new ByteArrayInputStream(new byte[0]), 64).readRequestHead(64));
        assertNull(new HttpInput(Wire.whole("\r\n"), 64).readRequestHead(64));
        for (String partial : new String[] {"G", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: a\r\n", "GET / HTTP/1.1\r\nHost: a\r\n\r"}) {
            IOException e = assertThrows(IOException.class, () -> new HttpInput(Wire.whole(partial), 64).readRequestHead(64));
            assertInstanceOf(EOFException.class, e, partial);
        }
    }

    @Test
    void headExactlyAtBufferLimitFitsAndOneByteMoreDoesNot() throws IOException {
        String head = "GET / HTTP/1.1\r\nHost: a\r\nX: " + "y".repeat(50) + "\r\n\r\n";
        int size = head.length();
        String withBody = head + "next bytes";
        RequestHead h = new HttpInput(Wire.whole(withBody), size).readRequestHead(64);
        assertNotNull(h);
        h = new HttpInput(Wire.oneByteAtATime(withBody), size).readRequestHead(64);
        assertNotNull(h);
        HttpViolationException e = assertThrows(HttpViolationException.class,
                () -> new HttpInput(Wire.whole(withBody), size - 1).readRequestHead(64));
        assertEquals(Violation.HEAD_TOO_LARGE, e.violation());
        assertEquals(431, e.violation().status());
    }

    @Test
    void requestLineExactlyAtBufferLimitIs431AndOneByteLongerIs414() throws IOException {
        String line = "GET /" + "a".repeat(40) + " HTTP/1.1\r\n";
        String raw = line + "Host: a\r\n\r\n";
        HttpViolationException fits = assertThrows(HttpViolationException.class,
                () -> new HttpInput(Wire.whole(raw), line.length()).readRequestHead(64));
        assertEquals(Violation.HEAD_TOO_LARGE, fits.violation());
        HttpViolationException over = assertThrows(HttpViolationException.class,
                () -> new HttpInput(Wire.whole(raw), line.length() - 1).readRequestHead(64));
        assertEquals(Violation.REQUEST_LINE_TOO_LONG, over.violation());
        assertEquals(414, over.violation().status());
    }

    @Test
    void exactlyMaxHeadersIsAccepted() throws IOException {
        String raw = "GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(63) + "\r\n";
        assertEquals(64, parse(raw).headers().size());
    }

    @Test
    void pipelinedRequestsInOneBufferAreReadInTurn() throws IOException {
        String raw = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n"
                + "\r\nGET /d HTTP/1.0\r\n\r\n";
        for (InputStream source : new InputStream[] {Wire.whole(raw), Wire.oneByteAtATime(raw), new TrickleInputStream(bytes(raw), 7, 9)}) {
            HttpInput in = new HttpInput(source, 128);
            RequestHead a = in.readRequestHead(64);
            assertEquals("/a", a.target());
            assertEquals("hello", text(Wire.readAll(Wire.body(in, RequestFraming.of(a)))));
            RequestHead b = in.readRequestHead(64);
            assertEquals("/b", b.target());
            assertNull(Wire.body(in, RequestFraming.of(b)));
            RequestHead c = in.readRequestHead(64);
            assertEquals("/c", c.target());
            assertEquals("abcde", text(Wire.readAll(Wire.body(in, RequestFraming.of(c)))));
            RequestHead d = in.readRequestHead(64);
            assertEquals("/d", d.target());
            assertNull(in.readRequestHead(64));
        }
    }

    @Test
    void leftoverBytesAreBufferedThenReadBeforeTheStream() throws IOException {
        HttpInput in = new HttpInput(Wire.whole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789"), 8192);
        in.readRequestHead(64);
        assertEquals(10, in.buffered());
        FixedLengthInputStream body = new FixedLengthInputStream(in, 4);
        assertEquals(4, body.available());
        assertEquals("0123", text(Wire.readAll(body)));
        assertEquals(-1, body.read());
        assertEquals(6, in.buffered());
        assertEquals('4', in.read());
        byte[] rest = new byte[10];
        assertEquals(5, in.read(rest, 0, 10));
        assertEquals(-1, in.read(rest, 0, 10));
    }

    @Test
    void fixedLengthBodyCutShortIsAnEofError() throws IOException {
        HttpInput in = new HttpInput(Wire.whole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nshort"), 8192);
        RequestHead h = in.readRequestHead(64);
        IOException e = assertThrows(IOException.class, () -> Wire.readAll(Wire.body(in, RequestFraming.of(h))));
        assertTrue(e.getMessage().startsWith("unexpected EOF"), e.getMessage());
        assertFalse(e instanceof HttpViolationException);
    }

    @Test
    void chunkedBodyCutShortIsAnEofErrorAndTheStreamStaysFailed() throws IOException {
        for (String cut : new String[] {"5\r\nhel", "5\r\nhello", "5\r\nhello\r\n", "5;a=b", "0\r\nX: y\r\n"}) {
            HttpInput in = new HttpInput(Wire.whole("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + cut), 8192);
            InputStream body = Wire.body(in, RequestFraming.of(in.readRequestHead(64)));
            IOException e = assertThrows(IOException.class, () -> Wire.readAll(body), cut);
            assertTrue(e.getMessage().startsWith("unexpected EOF"), e.getMessage());
            assertThrows(IOException.class, body::read);
        }
    }

    @Test
    void chunkExtensionOfExactly4096BytesAndQuotedValuesAreAccepted() throws IOException {
        String ext = ";a=" + "b".repeat(4093);
        assertEquals(ChunkedInputStream.MAX_CHUNK_EXTENSION_BYTES, ext.length());
        String raw = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5" + ext + "\r\nhello\r\n"
                + "3;q=\"a \\\"quoted\\\" \\\\ value\";flag;n=1\r\nabc\r\n"
                + "00000A\r\n0123456789\r\n0;last=yes\r\nTrailer-A: x\r\ntrailer-b:\r\n\r\n";
        HttpInput in = new HttpInput(Wire.whole(raw), 8192);
        assertEquals("helloabc0123456789", text(Wire.readAll(Wire.body(in, RequestFraming.of(in.readRequestHead(64))))));
        assertEquals(0, in.buffered());
    }
}
