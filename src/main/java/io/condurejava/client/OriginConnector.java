package io.condurejava.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens the connection to an origin: resolves the host, drops internal addresses under
 * {@code --deny-out-internal} (checked on each resolved address, so DNS cannot smuggle one in),
 * connects with a {@value #CONNECT_TIMEOUT_MILLIS} ms timeout trying each address in turn, then
 * does the TLS handshake with certificate and host name verification unless
 * {@code ignore-tls-errors}. Failures become {@link ClientFailure}s with Condure's conditions.
 * Called on exchange threads; the observer lets a cancel close a socket being set up.
 */
final class OriginConnector {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Predicate<InetAddress> denied;
    private final ClientTls tls;
    private final int readTimeoutMillis;

    OriginConnector(boolean denyOutInternal, ClientTls tls, int readTimeoutMillis) {
        this(denyOutInternal ? AddressPolicy::isInternal : address -> false, tls, readTimeoutMillis);
    }

    /** With the addresses refused unless {@code ignore-policies} given as a predicate (tests use a narrower one). */
    OriginConnector(Predicate<InetAddress> denied, ClientTls tls, int readTimeoutMillis) {
        this.denied = denied;
        this.tls = tls;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Connects; {@code opened} receives each socket as soon as it exists (so it can be closed by a cancel). */
    Socket connect(OriginTarget target, java.util.function.Consumer<Socket> opened) throws ClientFailure {
        List<InetAddress> addresses = resolve(target);
        Socket socket = null;
        ClientFailure last = null;
        for (InetAddress address : addresses) {
            Socket s = new Socket();
            opened.accept(s);
            try {
                s.connect(new InetSocketAddress(address, target.dialPort()), CONNECT_TIMEOUT_MILLIS);
                socket = s;
                break;
            } catch (SocketTimeoutException e) {
                last = new ClientFailure(Conditions.CONNECTION_TIMEOUT, "connect to " + address + " timed out", e);
            } catch (IOException e) {
                last = new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "connect to " + address + ": " + e.getMessage(), e);
            }
            closeQuietly(s);
        }
        if (socket == null) {
            throw last;
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "socket setup: " + e.getMessage(), e);
        }
        return target.tls() ? handshake(socket, target, opened) : socket;
    }

    private List<InetAddress> resolve(OriginTarget target) throws ClientFailure {
        String host = target.dialHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "cannot resolve " + host, e);
        }
        if (target.ignorePolicies()) {
            return List.of(all);
        }
        List<InetAddress> allowed = new ArrayList<>();
        for (InetAddress a : all) {
            if (!denied.test(a)) {
                allowed.add(a);
            }
        }
        if (allowed.isEmpty()) {
            throw new ClientFailure(Conditions.POLICY_VIOLATION, host + " resolves only to internal addresses");
        }
        return allowed;
    }

    private Socket handshake(Socket plain, OriginTarget target, java.util.function.Consumer<Socket> opened)
            throws ClientFailure {
        String name = target.tlsName();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        try {
            SSLSocket ssl = (SSLSocket) tls.context(target.ignoreTlsErrors()).getSocketFactory()
                    .createSocket(plain, name, target.dialPort(), true);
            opened.accept(ssl);
            SSLParameters params = ssl.getSSLParameters();
            if (!target.ignoreTlsErrors()) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (isHostName(name)) {
                params.setServerNames(List.of(new SNIHostName(name)));
            }
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            return ssl;
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(plain);
            throw new ClientFailure(Conditions.TLS_ERROR, "TLS with " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHostName(String name) {
        return !name.contains(":") && !name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
