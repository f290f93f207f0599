package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deny-out-internal address policy alone, on literal addresses (no traffic is sent anywhere). */
class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "192.168.255.255", "169.254.0.1", "169.254.169.254", "0.0.0.0", "0.1.2.3",
        "::1", "::", "fc00::1", "fd12:3456:789a::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe80::1", "febf:ffff::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:192.168.1.1",
        "::ffff:172.20.0.1", "::ffff:169.254.1.1", "::127.0.0.1", "::10.0.0.1", "::2"})
    void internalAddressesAreRefused(String literal) throws Exception {
        assertTrue(AddressPolicy.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
        "192.169.0.0", "169.253.255.255", "169.255.0.0", "126.255.255.255", "128.0.0.0", "100.64.0.1",
        "2001:4860:4860::8888", "2606:4700::1111", "fbff::1", "fe00::1", "fec0::1", "ff02::1",
        "::ffff:8.8.8.8", "::8.8.8.8"})
    void publicAddressesPass(String literal) throws Exception {
        assertFalse(AddressPolicy.isInternal(InetAddress.getByName(literal)), literal);
    }

    /** Java folds ::ffff:a.b.c.d into an Inet4Address; a real Inet6Address of that form is checked too. */
    @Test
    void ipv4MappedAsInet6AddressIsChecked() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress loopback = Inet6Address.getByAddress(null, mapped, -1);
        assertInstanceOf(Inet6Address.class, loopback);
        assertTrue(AddressPolicy.isInternal(loopback));
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertFalse(AddressPolicy.isInternal(Inet6Address.getByAddress(null, mapped, -1)));
    }

    @Test
    void rangeEdgesOf172And169() throws Exception {
        int refused = 0;
        for (int second = 0; second < 256; second++) {
            if (AddressPolicy.isInternal(InetAddress.getByName("172." + second + ".0.1"))) {
                refused++;
            }
        }
        assertEquals(16, refused, "exactly 172.16.0.0/12");
    }
}
