package io.condurejava.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP listener from {@code --listen ADDR[,stream|req][,tls][,default-cert=NAME]}.
 * {@code defaultCert} is null when not given. Immutable; any thread.
 */
public record TcpListen(InetSocketAddress address, ListenMode mode, boolean tls, String defaultCert)
        implements ListenSpec {
    public TcpListen {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mode, "mode");
    }

    /** The address as Condure prints it: {@code 0.0.0.0:8000} or {@code [::1]:8000}. */
    public String hostPort() {
        InetAddress a = address.getAddress();
        String host = a == null ? address.getHostString()
                : a instanceof Inet6Address ? "[" + ipv6Text(a.getAddress()) + "]" : a.getHostAddress();
        return host + ":" + address.getPort();
    }

    /** RFC 5952 text: lower-case hex groups, the longest run (two or more) of zero groups as "::". */
    private static String ipv6Text(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
            } else {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(g[i]));
            }
        }
        return sb.toString();
    }
}
