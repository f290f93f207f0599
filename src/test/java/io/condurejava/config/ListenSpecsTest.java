package io.condurejava.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Condure's listen spec syntax: addresses, params, local sockets, and one error per kind of bad input. */
class ListenSpecsTest {

    private static ListenSpec one(String spec) throws ConfigException {
        return Configs.settings("--listen=" + spec).listens().get(0);
    }

    private static TcpListen tcp(String host, int port, ListenMode mode, boolean tls, String cert) {
        return new TcpListen(new InetSocketAddress(host, port), mode, tls, cert);
    }

    @Test
    void barePortListensOnAllIpv4() throws ConfigException {
        assertEquals(tcp("0.0.0.0", 8000, ListenMode.STREAM, false, null), one("8000"));
        assertEquals(tcp("0.0.0.0", 0, ListenMode.STREAM, false, null), one("0"));
        assertEquals(tcp("0.0.0.0", 65535, ListenMode.STREAM, false, null), one("65535"));
    }

    @Test
    void ipv4AndIpv6Literals() throws ConfigException {
        assertEquals(tcp("127.0.0.1", 7999, ListenMode.STREAM, false, null), one("127.0.0.1:7999,stream"));
        assertEquals(tcp("::1", 80, ListenMode.STREAM, false, null), one("[::1]:80"));
        assertEquals(tcp("2001:db8::1", 443, ListenMode.STREAM, true, "x"), one("[2001:db8::1]:443,tls,default-cert=x"));
        assertEquals(tcp("::", 8000, ListenMode.STREAM, false, null), one("[::]:8000"));
    }

    @Test
    void hostPortPrintsLikeCondure() throws ConfigException {
        assertEquals("0.0.0.0:8000", ((TcpListen) one("8000")).hostPort());
        assertEquals("[::1]:80", ((TcpListen) one("[::1]:80")).hostPort());
        assertEquals("[2001:db8::1]:443", ((TcpListen) one("[2001:db8:0::1]:443")).hostPort());
        assertEquals("[::]:443", ((TcpListen) one("[::]:443")).hostPort());
        assertEquals("[1::]:1", ((TcpListen) one("[1:0:0:0:0:0:0:0]:1")).hostPort());
        assertEquals("[1:0:2::3]:1", ((TcpListen) one("[1:0:2:0:0:0:0:3]:1")).hostPort());
        assertEquals("[1:0:0:2::3]:1", ((TcpListen) one("[1:0:0:2:0:0:0:3]:1")).hostPort());
        assertEquals("[1::2:0:0:3:4]:1", ((TcpListen) one("[1:0:0:2:0:0:3:4]:1")).hostPort());
        // the JDK turns IPv4-mapped literals into IPv4 addresses
        assertEquals("10.0.0.11:1", ((TcpListen) one("[::ffff:10.0.0.11]:1")).hostPort());
    }

    @Test
    void modeParamsLastOneWins() throws ConfigException {
        assertEquals(ListenMode.REQ, one("8000,req").mode());
        assertEquals(ListenMode.STREAM, one("8000,req,stream").mode());
        assertEquals(ListenMode.REQ, one("8000,stream,req").mode());
    }

    @Test
    void localSocketWithModeUserGroup() throws ConfigException {
        assertEquals(new LocalListen(Path.of("/tmp/s"), ListenMode.STREAM, 0660, "www", "staff"),
                one("/tmp/s,local,stream,mode=660,user=www,group=staff"));
        assertEquals(new LocalListen(Path.of("run/s"), ListenMode.REQ, -1, null, null), one("run/s,local,req"));
        assertEquals(new LocalListen(Path.of("/tmp/s"), ListenMode.STREAM, 0, null, null), one("/tmp/s,local,tls,mode=0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8000,foo          | invalid param: foo",
        "8000,foo=bar      | invalid param: foo=bar",
        "8000,             | 'invalid param: '",
        "8000,STREAM       | invalid param: STREAM",
        "8000,default-cert | invalid param: default-cert (a value is required)",
        "/s,local,user=    | invalid param: user= (a value is required)",
        "/s,local,mode=8   | invalid mode: 8 (expected octal)",
        "/s,local,mode=17777 | invalid mode: 17777 (largest is 7777)",
        "65536             | invalid port: '65536'",
        "1.2.3.4:99999     | invalid port: '99999'",
        "1.2.3.4:          | invalid port: ''",
        "1.2.3.4:+80       | invalid port: '+80'",
        "localhost:80      | invalid address: localhost:80, expected port, ipv4:port or [ipv6]:port",
        "1.2.3.256:80      | invalid address: 1.2.3.256:80, expected port, ipv4:port or [ipv6]:port",
        "::1:80            | invalid address: ::1:80, expected port, ipv4:port or [ipv6]:port",
        "[zz::1]:80        | invalid address: [zz::1]:80, expected port, ipv4:port or [ipv6]:port",
        "[::1]             | invalid port: '1]'",
        "example           | invalid address: example, expected port, ipv4:port or [ipv6]:port",
        ",local            | invalid local path: empty",
    })
    void badSpecsNameTheProblemAndTheSpec(String spec, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.settings("--listen=" + spec));
        assertEquals("failed to parse listen: " + reason + " (value '" + spec + "' for condure.listen from --listen)",
                e.getMessage());
        assertEquals("condure.listen", e.key());
        assertEquals(spec, e.value());
    }

    @Test
    void badSecondSpecIsTheOneNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.settings("--listen=8000", "--listen=8001,bogus"));
        assertEquals("8001,bogus", e.value());
        assertTrue(e.getMessage().startsWith("failed to parse listen: invalid param: bogus"), e.getMessage());
    }
}
