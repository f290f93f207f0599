package io.condurejava.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place that refuses options the server does not implement yet. Each later slice deletes
 * its entry from {@link #NOT_IMPLEMENTED}. Called by {@link ConfigLoader#load}. Pure; any thread.
 */
public final class FeatureGate {
    static final String LISTEN_REQ = "listen req mode";
    static final String LISTEN_TLS = "listen tls";
    static final String LISTEN_LOCAL = "listen local";
    static final String ZSERVER_REQ = "zserver-req";
    static final String ZSERVER_STREAM = "zserver-stream";
    static final String COMPRESSION = "compression";

    /** Features that are parsed but refused at start-up (none left: every Condure 1.10 option works). */
    static final Set<String> NOT_IMPLEMENTED = Set.of();

    private FeatureGate() {
    }

    /** Throws naming every option in use that is not implemented yet. */
    public static void check(Settings s) throws ConfigException {
        check(s, NOT_IMPLEMENTED);
    }

    static void check(Settings s, Set<String> notImplemented) throws ConfigException {
        List<String> refused = new ArrayList<>();
        String key = null;
        String value = null;
        for (ListenSpec l : s.listens()) {
            int before = refused.size();
            if (l instanceof LocalListen local && notImplemented.contains(LISTEN_LOCAL)) {
                refused.add("--listen " + local.path() + ",local (Unix socket)");
            }
            if (l instanceof TcpListen tcp && tcp.tls() && notImplemented.contains(LISTEN_TLS)) {
                refused.add("--listen " + tcp.hostPort() + ",tls");
            }
            if (l.mode() == ListenMode.REQ && notImplemented.contains(LISTEN_REQ)) {
                refused.add("--listen ...,req (req mode)");
            }
            if (refused.size() > before && key == null) {
                key = Key.LISTEN.property();
                value = l.toString();
            }
        }
        if (!s.zserverReq().isEmpty() && notImplemented.contains(ZSERVER_REQ)) {
            refused.add(Key.ZSERVER_REQ.flag());
            key = key != null ? key : Key.ZSERVER_REQ.property();
            value = value != null ? value : s.zserverReq().get(0);
        }
        if (!s.zserverStream().isEmpty() && notImplemented.contains(ZSERVER_STREAM)) {
            refused.add(Key.ZSERVER_STREAM.flag());
            key = key != null ? key : Key.ZSERVER_STREAM.property();
            value = value != null ? value : s.zserverStream().get(0);
        }
        if (s.compression() && notImplemented.contains(COMPRESSION)) {
            refused.add(Key.COMPRESSION.flag());
            key = key != null ? key : Key.COMPRESSION.property();
            value = value != null ? value : "true";
        }
        if (!refused.isEmpty()) {
            throw new ConfigException(key, value, String.join(", ", refused)
                    + (refused.size() == 1 ? " is" : " are") + " not implemented yet in condure-java");
        }
    }
}
