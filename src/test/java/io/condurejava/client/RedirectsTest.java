package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.HttpVersion;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.zhttp.Data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The redirect hop decision ({@link Redirects}) and the req-mode response limit, without any network. */
class RedirectsTest {
    private static final String BASE = "http://h.example:8080/a/b?q=1";
    private static final byte[] BODY = "payload".getBytes(StandardCharsets.US_ASCII);

    private static IncomingResponseHead redirect(int code, String location) {
        List<HttpHeader> headers = location == null ? List.of(new HttpHeader("Content-Length", "0"))
                : List.of(new HttpHeader("Content-Length", "0"), new HttpHeader("Location", location));
        return new IncomingResponseHead(HttpVersion.HTTP_1_1, code, "Moved", headers);
    }

    private static Data request(String method, String uri) {
        return Data.builder().method(method).uri(uri).body(BODY).followRedirects(true).ignorePolicies(true)
                .ignoreTlsErrors(true).connectHost("127.0.0.1").connectPort(9).headers(List.of(
                        new HttpHeader("Content-Type", "text/plain"), new HttpHeader("Content-Length", "7"),
                        new HttpHeader("Authorization", "Bearer t"), new HttpHeader("Cookie", "c=1"),
                        new HttpHeader("X-Keep", "k"))).build();
    }

    private static String resolved(String location) {
        Data next = Redirects.next(request("GET", BASE), redirect(302, location));
        return next == null ? null : next.uri();
    }

    @Test
    void locationIsResolvedAgainstTheCurrentUrl() {
        assertEquals("http://h.example:8080/x", resolved("/x"));
        assertEquals("http://h.example:8080/a/c", resolved("c"));
        assertEquals("http://h.example:8080/a/b?z=2", resolved("?z=2"), "RFC 3986 keeps the path for a query-only reference");
        assertEquals("http://h.example:8080/x", resolved("../../../x"), "no '..' above the root");
        assertEquals("http://other:1/p", resolved("//other:1/p"));
        assertEquals("https://s.example/p?x", resolved("https://s.example/p?x"));
        assertEquals(BASE, resolved(""), "an empty reference is the same document");
        assertEquals("http://h.example:8080/caf%C3%A9", resolved("/caf\u00c3\u00a9"),
                "UTF-8 bytes (seen as ISO-8859-1 chars) become percent-encoded");
        assertEquals("http://h.example:8080/x", Redirects.next(request("GET", "http://h.example:8080"),
                redirect(301, "x")).uri(), "a base without path acts as '/'");
    }

    @Test
    void onlyRedirectsToHttpUrlsAreFollowed() {
        for (int code : new int[] {301, 302, 303, 307, 308}) {
            assertNotNull(Redirects.next(request("GET", BASE), redirect(code, "/x")), "code " + code);
        }
        for (int code : new int[] {200, 300, 304, 305, 306, 309, 404}) {
            assertNull(Redirects.next(request("GET", BASE), redirect(code, "/x")), "code " + code);
        }
        assertNull(Redirects.next(request("GET", BASE), redirect(302, null)), "no Location");
        assertNull(resolved("ftp://h.example/x"));
        assertNull(resolved("mailto:someone@h.example"));
        assertNull(resolved("ws://h.example/x"));
        assertNull(resolved("http:///nohost"));
        assertNull(resolved("http://bad host/"), "not a URI");
        assertNull(resolved("/\u00e9"), "not UTF-8");
    }

    @Test
    void postBecomesGetWithoutBodyAfter301To303() {
        for (int code : new int[] {301, 302, 303}) {
            Data next = Redirects.next(request("POST", BASE), redirect(code, "/x"));
            assertEquals("GET", next.method(), "code " + code);
            assertEquals(0, next.body().length);
            assertEquals(List.of(new HttpHeader("Authorization", "Bearer t"), new HttpHeader("Cookie", "c=1"),
                    new HttpHeader("X-Keep", "k")), next.headers(), "body fields dropped, the rest kept");
        }
    }

    @Test
    void methodAndBodyKeptOtherwise() {
        for (String method : new String[] {"POST", "PUT"}) {
            for (int code : new int[] {307, 308}) {
                Data next = Redirects.next(request(method, BASE), redirect(code, "/x"));
                assertEquals(method, next.method());
                assertArrayEquals(BODY, next.body());
                assertEquals(5, next.headers().size());
            }
        }
        assertEquals("PUT", Redirects.next(request("PUT", BASE), redirect(301, "/x")).method(), "301 switches only a POST");
        assertEquals("GET", Redirects.next(request("PUT", BASE), redirect(303, "/x")).method(), "303 switches a PUT");
        assertEquals("DELETE", Redirects.next(request("DELETE", BASE), redirect(302, "/x")).method());
        Data head = Redirects.next(request("HEAD", BASE), redirect(303, "/x"));
        assertEquals("HEAD", head.method(), "303 keeps HEAD");
        assertArrayEquals(BODY, head.body());
    }

    @Test
    void nextHopDialsItsOwnUrlAndKeepsThePolicyFlags() throws ClientFailure {
        Data next = Redirects.next(request("GET", BASE), redirect(302, "/x"));
        assertNull(next.connectHost(), "connect-host only applies to the first hop");
        assertEquals(-1, next.connectPort());
        assertTrue(next.ignorePolicies());
        assertTrue(next.ignoreTlsErrors());
        assertTrue(next.followRedirects());
        assertFalse(next.more());
        OriginTarget target = targetOf(next);
        assertEquals("h.example", target.dialHost());
        assertEquals(8080, target.dialPort());
        Data plain = Redirects.next(Data.builder().method("GET").uri(BASE).followRedirects(true).build(),
                redirect(302, "http://127.0.0.1:9/x"));
        assertFalse(targetOf(plain).ignorePolicies(), "the policy is applied again on the next hop");
    }

    @Test
    void credentialsStayOnlyWithinTheOrigin() {
        assertEquals(5, Redirects.next(request("GET", BASE), redirect(302, "http://H.EXAMPLE:8080/y")).headers().size());
        for (String elsewhere : new String[] {"http://other.example:8080/", "http://h.example:8081/",
            "https://h.example:8080/"}) {
            List<HttpHeader> headers = Redirects.next(request("GET", BASE), redirect(302, elsewhere)).headers();
            assertEquals(List.of(new HttpHeader("Content-Type", "text/plain"), new HttpHeader("Content-Length", "7"),
                    new HttpHeader("X-Keep", "k")), headers, elsewhere);
        }
    }

    @Test
    void followingNeedsTheFlagAndTheWholeBody() {
        assertTrue(Redirects.followable(Data.builder().method("GET").uri(BASE).followRedirects(true).build()));
        assertFalse(Redirects.followable(Data.builder().method("GET").uri(BASE).build()));
        assertFalse(Redirects.followable(Data.builder().method("POST").uri(BASE).followRedirects(true).more(true).build()),
                "a streamed request body cannot be sent twice");
    }

    @Test
    void reqModeResponseLimit() {
        assertEquals(100, OutgoingReqExchange.responseLimit(-1, 100), "no max-size");
        assertEquals(100, OutgoingReqExchange.responseLimit(0, 100), "max-size 0 counts as absent");
        assertEquals(50, OutgoingReqExchange.responseLimit(50, 100));
        assertEquals(100, OutgoingReqExchange.responseLimit(500, 100), "capped by --body-buffer-size");
        assertEquals(100, OutgoingReqExchange.responseLimit(Long.MAX_VALUE, 100));
    }

    /** The target the exchange would dial for a request (what {@link OutgoingRequest} computes). */
    private static OriginTarget targetOf(Data d) throws ClientFailure {
        return OutgoingRequest.of(d).target();
    }
}
