package io.condurejava.client;

import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.zhttp.Data;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code follow-redirects} (reference §10): decides whether a response is a redirect to follow and
 * builds the next hop's request. A 301, 302, 303, 307 or 308 with a {@code Location} that is valid
 * UTF-8, parses as a URI reference and resolves (against the current URL) to an http or https URL
 * with a host is followed; anything else is not a redirect and passes through to the initiator as
 * Condure 1.10 does. 301/302 after POST and 303 after anything but GET/HEAD become a GET without
 * body, {@code Content-Length}, {@code Transfer-Encoding} or {@code Content-Type}; otherwise method
 * and body are kept. The next hop has no {@code connect-host}/{@code connect-port} (they only name
 * where the first URL lives) and, when it leaves the current origin (scheme, host, port), no
 * credentials ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}), as curl/zurl do.
 * The policy flags stay, so the address policy is applied again on every hop. Pure; any thread.
 */
final class Redirects {
    /** Redirects followed at most; the next redirect response ends the request with {@code too-many-redirects}. */
    static final int MAX_REDIRECTS = 8;
    private static final Set<Integer> CODES = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> BODY_HEADERS = Set.of("content-length", "transfer-encoding", "content-type");
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private Redirects() {
    }

    /** May a redirect of this request be followed at all? Not when its body is still streaming in. */
    static boolean followable(Data request) {
        return request.followRedirects() && !request.more();
    }

    /** The next hop's request when {@code head} answers {@code hop} with a redirect to follow, else null. */
    static Data next(Data hop, IncomingResponseHead head) {
        if (!CODES.contains(head.code())) {
            return null;
        }
        URI target = target(hop.uri(), location(head));
        if (target == null) {
            return null;
        }
        String method = hop.method();
        boolean toGet = switch (head.code()) {
            case 301, 302 -> method.equals("POST");
            case 303 -> !method.equals("GET") && !method.equals("HEAD");
            default -> false;
        };
        boolean sameOrigin = sameOrigin(URI.create(hop.uri()), target);
        List<HttpHeader> headers = new ArrayList<>();
        for (HttpHeader h : hop.headers()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (!(toGet && BODY_HEADERS.contains(lower)) && !(!sameOrigin && CREDENTIAL_HEADERS.contains(lower))) {
                headers.add(h);
            }
        }
        return hop.toBuilder().uri(target.toASCIIString()).method(toGet ? "GET" : method).headers(headers)
                .body(toGet ? new byte[0] : hop.body()).more(false).connectHost(null).connectPort(-1).build();
    }

    /** The first Location field, or null. */
    private static String location(IncomingResponseHead head) {
        for (HttpHeader h : head.headers()) {
            if (h.is("Location")) {
                return h.value();
            }
        }
        return null;
    }

    /**
     * {@code location} (field bytes as ISO-8859-1 chars; must be UTF-8) resolved against {@code base}
     * per RFC 3986 §5.2; null unless an http(s) URL with a host.
     */
    static URI target(String base, String location) {
        if (location == null) {
            return null;
        }
        try {
            String text = utf8(location).strip();
            URI baseUri = new URI(base);
            if (baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty()) {
                baseUri = baseUri.resolve("/"); // java.net.URI would glue a relative path to the authority
            }
            URI ref = new URI(text);
            URI resolved;
            if (text.isEmpty() || text.startsWith("#")) { // the same document (RFC 3986 §5.2.2)
                resolved = rebuild(baseUri, baseUri.getRawPath(), baseUri.getRawQuery());
            } else if (text.startsWith("?")) {
                // java.net.URI follows RFC 2396 here and drops the base's last segment; RFC 3986 keeps the path
                resolved = rebuild(baseUri, baseUri.getRawPath(), ref.getRawQuery());
            } else {
                resolved = baseUri.resolve(ref);
                String path = resolved.getRawPath();
                if (path != null && (path.startsWith("/../") || path.equals("/.."))) {
                    while (path.startsWith("/../")) { // RFC 3986 §5.2.4 drops ".." above the root; java.net.URI keeps it
                        path = path.substring(3);
                    }
                    resolved = rebuild(resolved, path.equals("/..") ? "/" : path, resolved.getRawQuery());
                }
            }
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || resolved.getHost() == null) {
                return null;
            }
            return resolved;
        } catch (URISyntaxException | IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /** {@code u}'s scheme and authority with the given raw path and query (no fragment). */
    private static URI rebuild(URI u, String rawPath, String rawQuery) {
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    }

    private static String utf8(String latin1) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return scheme(a).equals(scheme(b)) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static String scheme(URI u) {
        return Objects.requireNonNullElse(u.getScheme(), "").toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : scheme(u).equals("https") ? 443 : 80;
    }
}
