package io.condurejava.zhttp;

import io.condurejava.http1.HttpHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Second decoding pass: reads the type-specific fields of the root dict into a payload
 * record. Only the fields a type uses are type-checked (as in Condure); the rest are skipped.
 * Pure function; any thread.
 */
final class PayloadDecoder {
    private static final byte[][] KEYS = ZhttpDecoder.keys("body", "more", "credits", "code", "reason", "headers",
            "content-type", "method", "uri", "stream", "max-size", "timeout", "peer-address", "peer-port",
            "connect-host", "connect-port", "ignore-policies", "trust-connect-host", "ignore-tls-errors",
            "follow-redirects", "condition");
    private static final int BODY = 0;
    private static final int MORE = 1;
    private static final int CREDITS = 2;
    private static final int CODE = 3;
    private static final int REASON = 4;
    private static final int HEADERS = 5;
    private static final int CONTENT_TYPE = 6;
    private static final int METHOD = 7;
    private static final int URI = 8;
    private static final int STREAM = 9;
    private static final int MAX_SIZE = 10;
    private static final int TIMEOUT = 11;
    private static final int PEER_ADDRESS = 12;
    private static final int PEER_PORT = 13;
    private static final int CONNECT_HOST = 14;
    private static final int CONNECT_PORT = 15;
    private static final int IGNORE_POLICIES = 16;
    private static final int TRUST_CONNECT_HOST = 17;
    private static final int IGNORE_TLS_ERRORS = 18;
    private static final int FOLLOW_REDIRECTS = 19;
    private static final int CONDITION = 20;

    private static final long DATA_FIELDS = (1L << CONDITION) - 1;
    private static final long ERROR_FIELDS = bits(CONDITION, CODE, REASON, HEADERS, BODY);
    private static final long CREDITS_ONLY = bits(CREDITS);
    private static final long CLOSE_FIELDS = bits(CODE, BODY);
    private static final long PING_FIELDS = bits(CREDITS, BODY);

    private PayloadDecoder() {
    }

    private static long bits(int... fields) {
        long m = 0;
        for (int f : fields) {
            m |= 1L << f;
        }
        return m;
    }

    static Payload decode(String type, TnetReader root) throws ZhttpFormatException {
        Fields f = new Fields();
        switch (type) {
            case "" -> {
                read(root, DATA_FIELDS, f, null);
                return new Data(f.method, f.uri, f.headers, f.contentType, f.body, f.credits, f.more, f.stream,
                        f.maxSize, f.timeout, f.peerAddress, f.peerPort, f.code, f.reason, f.connectHost,
                        f.connectPort, f.ignorePolicies, f.trustConnectHost, f.ignoreTlsErrors, f.followRedirects);
            }
            case ErrorPacket.TYPE -> {
                read(root, ERROR_FIELDS, f, null);
                return new ErrorPacket(f.condition, f.code, f.reason, f.headers, f.body);
            }
            case Credit.TYPE -> {
                read(root, CREDITS_ONLY, f, null);
                return new Credit(f.credits);
            }
            case Close.TYPE -> {
                read(root, CLOSE_FIELDS, f, "close reason");
                return new Close(f.code, f.body);
            }
            case Ping.TYPE -> {
                read(root, PING_FIELDS, f, null);
                return new Ping(f.body, f.credits);
            }
            case Pong.TYPE -> {
                read(root, PING_FIELDS, f, null);
                return new Pong(f.body, f.credits);
            }
            case KeepAlive.TYPE -> {
                return new KeepAlive();
            }
            case Cancel.TYPE -> {
                return new Cancel();
            }
            case HandoffStart.TYPE -> {
                return new HandoffStart();
            }
            case HandoffProceed.TYPE -> {
                return new HandoffProceed();
            }
            default -> throw new ZhttpFormatException("unknown type: " + type);
        }
    }

    /** Field values while reading; absent values use the records' conventions. */
    private static final class Fields {
        String method;
        String uri;
        List<HttpHeader> headers;
        String contentType;
        byte[] body;
        int credits;
        boolean more;
        boolean stream;
        long maxSize = -1;
        long timeout = -1;
        String peerAddress;
        int peerPort = -1;
        int code = -1;
        String reason;
        String connectHost;
        int connectPort = -1;
        boolean ignorePolicies;
        boolean trustConnectHost;
        boolean ignoreTlsErrors;
        boolean followRedirects;
        String condition;
    }

    /** Reads the fields in {@code mask} into {@code f}; {@code utf8Body} names the body when it must be UTF-8. */
    private static void read(TnetReader r, long mask, Fields f, String utf8Body) throws ZhttpFormatException {
        while (r.hasNext()) {
            int k = r.nextEntry(KEYS);
            if (k < 0 || (mask & (1L << k)) == 0) {
                continue;
            }
            switch (k) {
                case BODY -> {
                    f.body = r.bytes("body");
                    if (utf8Body != null) {
                        r.requireUtf8(utf8Body);
                    }
                }
                case MORE -> f.more = r.bool("more");
                case CREDITS -> f.credits = (int) r.nonNegative("credits", Integer.MAX_VALUE);
                case CODE -> f.code = (int) r.nonNegative("code", ZhttpCodec.CODE_MAX);
                case REASON -> f.reason = r.utf8("reason");
                case HEADERS -> f.headers = readHeaders(r, f.headers);
                case CONTENT_TYPE -> f.contentType = r.latin1("content-type");
                case METHOD -> f.method = r.utf8("method");
                case URI -> f.uri = r.utf8("uri");
                case STREAM -> f.stream = r.bool("stream");
                case MAX_SIZE -> f.maxSize = r.nonNegative("max-size", Long.MAX_VALUE);
                case TIMEOUT -> f.timeout = r.nonNegative("timeout", Long.MAX_VALUE);
                case PEER_ADDRESS -> f.peerAddress = r.utf8("peer-address");
                case PEER_PORT -> f.peerPort = (int) r.nonNegative("peer-port", ZhttpCodec.PORT_MAX);
                case CONNECT_HOST -> f.connectHost = r.utf8("connect-host");
                case CONNECT_PORT -> f.connectPort = (int) r.nonNegative("connect-port", ZhttpCodec.PORT_MAX);
                case IGNORE_POLICIES -> f.ignorePolicies = r.bool("ignore-policies");
                case TRUST_CONNECT_HOST -> f.trustConnectHost = r.bool("trust-connect-host");
                case IGNORE_TLS_ERRORS -> f.ignoreTlsErrors = r.bool("ignore-tls-errors");
                case FOLLOW_REDIRECTS -> f.followRedirects = r.bool("follow-redirects");
                case CONDITION -> f.condition = r.utf8("condition");
                default -> throw new IllegalStateException("unhandled key index " + k);
            }
        }
    }

    /** Appends {@code [[name, value], ...]} to {@code acc} (repeated headers keys accumulate). */
    private static List<HttpHeader> readHeaders(TnetReader r, List<HttpHeader> acc) throws ZhttpFormatException {
        List<HttpHeader> out = acc == null ? new ArrayList<>() : acc;
        TnetReader list = r.enter(TnetReader.LIST, "headers");
        while (list.hasNext()) {
            list.next();
            if (out.size() == ZhttpCodec.HEADERS_PER_MESSAGE_MAX) {
                throw new ZhttpFormatException("too many headers (max " + ZhttpCodec.HEADERS_PER_MESSAGE_MAX + ")");
            }
            TnetReader item = list.enter(TnetReader.LIST, "header item");
            if (!item.hasNext()) {
                throw new ZhttpFormatException("header item must have size 2");
            }
            item.next();
            String name = item.headerName("header name");
            item.requireUtf8("header name");
            if (!item.hasNext()) {
                throw new ZhttpFormatException("header item must have size 2");
            }
            item.next();
            String value = item.headerValue("header value");
            out.add(new HttpHeader(name, value));
        }
        return out;
    }
}
