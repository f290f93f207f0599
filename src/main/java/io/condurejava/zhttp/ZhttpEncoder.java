package io.condurejava.zhttp;

import io.condurejava.http1.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Packet → {@code T} + tnetstring dict, in Condure's field order: from, id, seq, ext, type,
 * then the type-specific fields. Values equal to their default are left out (null/empty
 * strings, empty headers and bodies, credits 0, false booleans, -1 numbers), except that a
 * {@code credit} always carries {@code credits} and a rejected error always carries
 * {@code body}, as Condure writes them. Pure function; any thread.
 */
final class ZhttpEncoder {
    private static final byte[] K_FROM = TnetWriter.frame("from");
    private static final byte[] K_ID = TnetWriter.frame("id");
    private static final byte[] K_SEQ = TnetWriter.frame("seq");
    private static final byte[] K_TYPE = TnetWriter.frame("type");
    private static final byte[] EXT_MULTI = "3:ext,15:5:multi,4:true!}".getBytes(StandardCharsets.US_ASCII);
    private static final int EXT_MULTI_VALUES = 5;
    private static final byte[] K_METHOD = TnetWriter.frame("method");
    private static final byte[] K_URI = TnetWriter.frame("uri");
    private static final byte[] K_CODE = TnetWriter.frame("code");
    private static final byte[] K_REASON = TnetWriter.frame("reason");
    private static final byte[] K_HEADERS = TnetWriter.frame("headers");
    private static final byte[] K_CONTENT_TYPE = TnetWriter.frame("content-type");
    private static final byte[] K_BODY = TnetWriter.frame("body");
    private static final byte[] K_CREDITS = TnetWriter.frame("credits");
    private static final byte[] K_MORE = TnetWriter.frame("more");
    private static final byte[] K_STREAM = TnetWriter.frame("stream");
    private static final byte[] K_MAX_SIZE = TnetWriter.frame("max-size");
    private static final byte[] K_TIMEOUT = TnetWriter.frame("timeout");
    private static final byte[] K_PEER_ADDRESS = TnetWriter.frame("peer-address");
    private static final byte[] K_PEER_PORT = TnetWriter.frame("peer-port");
    private static final byte[] K_CONNECT_HOST = TnetWriter.frame("connect-host");
    private static final byte[] K_CONNECT_PORT = TnetWriter.frame("connect-port");
    private static final byte[] K_IGNORE_POLICIES = TnetWriter.frame("ignore-policies");
    private static final byte[] K_TRUST_CONNECT_HOST = TnetWriter.frame("trust-connect-host");
    private static final byte[] K_IGNORE_TLS_ERRORS = TnetWriter.frame("ignore-tls-errors");
    private static final byte[] K_FOLLOW_REDIRECTS = TnetWriter.frame("follow-redirects");
    private static final byte[] K_CONDITION = TnetWriter.frame("condition");
    /** Room for everything but bodies in a typical packet. */
    private static final int HEAD_ESTIMATE_BYTES = 256;
    /** A header's list and string prefixes and terminators: {@code NN:NN:name,NN:value,]} with short lengths. */
    private static final int HEADER_FRAMING_BYTES = 12;

    private ZhttpEncoder() {
    }

    static byte[] encode(ZhttpPacket p) {
        EncodedPacket done = encodeInPlace(p);
        if (done.offset() == 0 && done.length() == done.bytes().length) {
            return done.bytes(); // the caller keeps it: never recycled
        }
        byte[] exact = java.util.Arrays.copyOfRange(done.bytes(), done.offset(), done.offset() + done.length());
        done.recycle();
        return exact;
    }

    static EncodedPacket encodeInPlace(ZhttpPacket p) {
        Payload payload = p.payload();
        TnetWriter w = new TnetWriter(HEAD_ESTIMATE_BYTES + bodyLength(payload) + headersLength(payload));
        w.begin();
        writeCommon(w, p);
        switch (payload) {
            case Data d -> writeData(w, d);
            case ErrorPacket e -> writeError(w, e);
            case Credit c -> {
                w.raw(K_CREDITS, 1);
                w.integer(c.credits());
            }
            case Close c -> {
                optInt(w, K_CODE, c.code());
                optBytes(w, K_BODY, c.reason());
            }
            case Ping g -> {
                optBytes(w, K_BODY, g.body());
                optCredits(w, g.credits());
            }
            case Pong g -> {
                optBytes(w, K_BODY, g.body());
                optCredits(w, g.credits());
            }
            case KeepAlive k -> { }
            case Cancel c -> { }
            case HandoffStart h -> { }
            case HandoffProceed h -> { }
        }
        return w.finishInPlace(TnetReader.DICT, (byte) 'T');
    }

    /** About what a request's or response's headers take encoded, so the first buffer fits them (no regrowth). */
    private static int headersLength(Payload payload) {
        if (!(payload instanceof Data d)) {
            return 0;
        }
        int total = d.uri() == null ? 0 : d.uri().length();
        List<HttpHeader> headers = d.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            total += h.name().length() + h.value().length() + HEADER_FRAMING_BYTES;
        }
        return total;
    }

    private static int bodyLength(Payload payload) {
        return switch (payload) {
            case Data d -> d.body().length;
            case ErrorPacket e -> e.body().length;
            case Close c -> c.reason().length;
            case Ping g -> g.body().length;
            case Pong g -> g.body().length;
            default -> 0;
        };
    }

    private static void writeCommon(TnetWriter w, ZhttpPacket p) {
        if (p.from() != null && !p.from().isEmpty()) {
            w.raw(K_FROM, 1);
            w.latin1(p.from());
        }
        List<IdSeq> ids = p.ids();
        if (ids.size() > ZhttpCodec.IDS_PER_MESSAGE_MAX) {
            throw new IllegalArgumentException("too many ids: " + ids.size() + " > " + ZhttpCodec.IDS_PER_MESSAGE_MAX);
        }
        w.raw(K_ID, 1);
        if (ids.size() == 1) {
            IdSeq id = ids.get(0);
            w.latin1(id.id());
            if (id.hasSeq()) {
                w.raw(K_SEQ, 1);
                w.integer(id.seq());
            }
        } else {
            w.begin();
            for (IdSeq id : ids) {
                w.begin();
                w.raw(K_ID, 1);
                w.latin1(id.id());
                if (id.hasSeq()) {
                    w.raw(K_SEQ, 1);
                    w.integer(id.seq());
                }
                w.end(TnetReader.DICT);
            }
            w.end(TnetReader.LIST);
        }
        if (p.multi()) {
            w.raw(EXT_MULTI, EXT_MULTI_VALUES);
        }
        if (!(p.payload() instanceof Data)) {
            w.raw(K_TYPE, 1);
            w.utf8(p.payload().typeName());
        }
    }

    private static void writeData(TnetWriter w, Data d) {
        optUtf8(w, K_METHOD, d.method());
        optUtf8(w, K_URI, d.uri());
        optInt(w, K_CODE, d.code());
        optUtf8(w, K_REASON, d.reason());
        optHeaders(w, d.headers());
        if (d.contentType() != null && !d.contentType().isEmpty()) {
            w.raw(K_CONTENT_TYPE, 1);
            w.latin1(d.contentType());
        }
        optBytes(w, K_BODY, d.body());
        optCredits(w, d.credits());
        optTrue(w, K_MORE, d.more());
        optTrue(w, K_STREAM, d.stream());
        optInt(w, K_MAX_SIZE, d.maxSize());
        optInt(w, K_TIMEOUT, d.timeout());
        optUtf8(w, K_PEER_ADDRESS, d.peerAddress());
        optInt(w, K_PEER_PORT, d.peerPort());
        optUtf8(w, K_CONNECT_HOST, d.connectHost());
        optInt(w, K_CONNECT_PORT, d.connectPort());
        optTrue(w, K_IGNORE_POLICIES, d.ignorePolicies());
        optTrue(w, K_TRUST_CONNECT_HOST, d.trustConnectHost());
        optTrue(w, K_IGNORE_TLS_ERRORS, d.ignoreTlsErrors());
        optTrue(w, K_FOLLOW_REDIRECTS, d.followRedirects());
    }

    private static void writeError(TnetWriter w, ErrorPacket e) {
        optUtf8(w, K_CONDITION, e.condition());
        optInt(w, K_CODE, e.code());
        optUtf8(w, K_REASON, e.reason());
        optHeaders(w, e.headers());
        if (e.code() >= 0 || e.body().length > 0) {
            w.raw(K_BODY, 1);
            w.string(e.body());
        }
    }

    private static void optHeaders(TnetWriter w, List<HttpHeader> headers) {
        if (headers.isEmpty()) {
            return;
        }
        w.raw(K_HEADERS, 1);
        w.begin();
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            w.begin();
            w.latin1(h.name());
            w.latin1(h.value());
            w.end(TnetReader.LIST);
        }
        w.end(TnetReader.LIST);
    }

    private static void optUtf8(TnetWriter w, byte[] key, String v) {
        if (v != null && !v.isEmpty()) {
            w.raw(key, 1);
            w.utf8(v);
        }
    }

    private static void optBytes(TnetWriter w, byte[] key, byte[] v) {
        if (v.length > 0) {
            w.raw(key, 1);
            w.string(v);
        }
    }

    private static void optInt(TnetWriter w, byte[] key, long v) {
        if (v >= 0) {
            w.raw(key, 1);
            w.integer(v);
        }
    }

    private static void optCredits(TnetWriter w, int credits) {
        if (credits > 0) {
            w.raw(K_CREDITS, 1);
            w.integer(credits);
        }
    }

    private static void optTrue(TnetWriter w, byte[] key, boolean v) {
        if (v) {
            w.raw(key, 1);
            w.bool(true);
        }
    }
}
