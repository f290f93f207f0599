package io.condurejava.client;

import io.condurejava.zhttp.Data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code uri} of an initiator's request, checked: scheme (http, https, ws or wss), host, port
 * (the scheme's default when absent), TLS, and the {@link OriginTarget} with the request's
 * connect and policy fields. Pure; any thread.
 */
record RequestUri(URI uri, String scheme, boolean tls, int port, int defaultPort) {
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    /** True when the request names a ws:// or wss:// uri (a WebSocket session); no other check. */
    static boolean isWebSocket(Data d) {
        String u = d.uri() == null ? "" : d.uri().toLowerCase(Locale.ROOT);
        return u.startsWith("ws://") || u.startsWith("wss://");
    }

    static RequestUri parse(Data d) throws ClientFailure {
        if (d.uri() == null) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "no uri");
        }
        URI uri;
        try {
            uri = new URI(d.uri());
        } catch (URISyntaxException e) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "bad uri: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "http", "ws" -> false;
            case "https", "wss" -> true;
            default -> throw new ClientFailure(Conditions.BAD_REQUEST, "unsupported scheme: " + scheme);
        };
        if (uri.getHost() == null) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "uri without host");
        }
        int defaultPort = tls ? HTTPS_PORT : HTTP_PORT;
        return new RequestUri(uri, scheme, tls, uri.getPort() >= 0 ? uri.getPort() : defaultPort, defaultPort);
    }

    boolean webSocket() {
        return scheme.equals("ws") || scheme.equals("wss");
    }

    /** Where to connect for {@code d}: this uri's host and port, overridden by its connect fields. */
    OriginTarget target(Data d) {
        return new OriginTarget(uri.getHost(), port, tls, d.connectHost(), d.connectPort(), d.ignorePolicies(),
                d.ignoreTlsErrors(), d.trustConnectHost());
    }

    /** The Host field value: host, with the port only when it is not the scheme's default. */
    String hostValue() {
        return port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
