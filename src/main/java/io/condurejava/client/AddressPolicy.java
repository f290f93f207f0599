package io.condurejava.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * {@code --deny-out-internal}: decides whether a resolved address is internal and may not be
 * connected to. Condure's list — 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, ::1, fc00::/7,
 * fe80::/10 — plus the unspecified addresses (0.0.0.0/8, ::, which reach the local host) and
 * IPv4-mapped / IPv4-compatible IPv6 forms of the IPv4 ranges. Checked on the address actually
 * connected to, so a name that resolves to an internal address is refused (no DNS-rebinding
 * bypass). Pure; any thread.
 */
public final class AddressPolicy {
    private static final int IPV6_BYTES = 16;
    private static final int IPV4_IN_IPV6_OFFSET = 12;

    private AddressPolicy() {
    }

    /** True when {@code address} is loopback, private, link-local, unique-local or unspecified. */
    public static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalV4(b, 0);
        }
        if (address instanceof Inet6Address && b.length == IPV6_BYTES) {
            return isInternalV6(b);
        }
        return true; // unknown family: refuse
    }

    private static boolean isInternalV4(byte[] b, int off) {
        int a0 = b[off] & 0xFF;
        int a1 = b[off + 1] & 0xFF;
        return a0 == 0                              // 0.0.0.0/8 ("this host")
                || a0 == 127                        // loopback
                || a0 == 10                         // private
                || (a0 == 172 && (a1 & 0xF0) == 16) // 172.16/12
                || (a0 == 192 && a1 == 168)         // 192.168/16
                || (a0 == 169 && a1 == 254);        // link-local
    }

    private static boolean isInternalV6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero) {
            int b10 = b[10] & 0xFF;
            int b11 = b[11] & 0xFF;
            if (b10 == 0xFF && b11 == 0xFF) {
                return isInternalV4(b, IPV4_IN_IPV6_OFFSET); // ::ffff:a.b.c.d (IPv4-mapped)
            }
            if (b10 == 0 && b11 == 0) {
                // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
                return isInternalV4(b, IPV4_IN_IPV6_OFFSET) || isLoopbackOrUnspecifiedV6(b);
            }
        }
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        return (b0 & 0xFE) == 0xFC                  // fc00::/7 unique-local
                || (b0 == 0xFE && (b1 & 0xC0) == 0x80); // fe80::/10 link-local
    }

    private static boolean isLoopbackOrUnspecifiedV6(byte[] b) {
        for (int i = 0; i < IPV6_BYTES - 1; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[IPV6_BYTES - 1] == 0 || b[IPV6_BYTES - 1] == 1;
    }
}
