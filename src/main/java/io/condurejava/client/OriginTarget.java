package io.condurejava.client;

/**
 * Where and how to connect for one request: the URI's host and port (used for Host, SNI and name
 * verification), the {@code connect-host}/{@code connect-port} overrides (null / -1 = none), TLS,
 * and the request's policy flags. Immutable; any thread.
 */
record OriginTarget(String host, int port, boolean tls, String connectHost, int connectPort,
                    boolean ignorePolicies, boolean ignoreTlsErrors, boolean trustConnectHost) {

    String dialHost() {
        return connectHost != null && !connectHost.isEmpty() ? connectHost : host;
    }

    int dialPort() {
        return connectPort >= 0 ? connectPort : port;
    }

    /** The name the certificate must match: the URI host, or connect-host with trust-connect-host. */
    String tlsName() {
        return trustConnectHost && connectHost != null && !connectHost.isEmpty() ? connectHost : host;
    }
}
