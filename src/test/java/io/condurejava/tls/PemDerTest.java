package io.condurejava.tls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PEM splitting and the small DER codec, on hand-made input. */
class PemDerTest {
    @Test
    void blocksWithTextAroundAndCrlf() throws Exception {
        String text = "Bag Attributes: x\r\n-----BEGIN CERTIFICATE-----\r\nAQID\r\n-----END CERTIFICATE-----\r\n"
                + "junk\n-----BEGIN PRIVATE KEY-----\nBAUG\nBw==\n-----END PRIVATE KEY-----\n";
        List<Pem.Block> blocks = Pem.parse(text);
        assertEquals(2, blocks.size());
        assertEquals("CERTIFICATE", blocks.get(0).label());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).der());
        assertArrayEquals(new byte[] {4, 5, 6, 7}, blocks.get(1).der());
        assertFalse(blocks.get(1).hasHeaders());
    }

    @Test
    void legacyEncryptionHeadersAreNoticed() throws Exception {
        String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAQID\n"
                + "-----END RSA PRIVATE KEY-----\n";
        assertTrue(Pem.parse(text).get(0).hasHeaders());
        BadPemException e = assertThrows(BadPemException.class, () -> PrivateKeys.fromPem(Pem.parse(text)));
        assertTrue(e.getMessage().startsWith("encrypted private keys are not supported"));
    }

    @Test
    void malformedPem() {
        assertEquals("PEM block CERTIFICATE has no END line",
                assertThrows(BadPemException.class, () -> Pem.parse("-----BEGIN CERTIFICATE-----\nAQID\n")).getMessage());
        assertEquals("PEM block CERTIFICATE ends with -----END X-----", assertThrows(BadPemException.class,
                () -> Pem.parse("-----BEGIN CERTIFICATE-----\nAQID\n-----END X-----\n")).getMessage());
        assertEquals("PEM block CERTIFICATE is not valid base64", assertThrows(BadPemException.class,
                () -> Pem.parse("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n")).getMessage());
        assertEquals("PEM block CERTIFICATE is empty", assertThrows(BadPemException.class,
                () -> Pem.parse("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")).getMessage());
    }

    @Test
    void twoKeysAreRefused() throws Exception {
        String key = "-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n";
        assertEquals("more than one private key",
                assertThrows(BadPemException.class, () -> PrivateKeys.fromPem(Pem.parse(key + key))).getMessage());
    }

    @Test
    void oidRoundTrip() throws Exception {
        for (String oid : new String[] {"1.2.840.10045.2.1", "1.3.101.112", "2.999.1", "1.2.840.113549.1.1.1"}) {
            assertEquals(oid, Der.oidText(Der.parse(Der.oid(oid))));
        }
        assertArrayEquals(new byte[] {6, 7, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1},
                Der.oid("1.2.840.10045.2.1"));
    }

    @Test
    void longLengths() throws Exception {
        byte[] big = new byte[300];
        byte[] encoded = Der.encode(Der.OCTET_STRING, big);
        assertArrayEquals(new byte[] {4, (byte) 0x82, 1, 44}, java.util.Arrays.copyOf(encoded, 4));
        Der.Element e = Der.parse(encoded);
        assertEquals(300, e.value().length);
        assertArrayEquals(encoded, e.encoded());
    }

    @Test
    void malformedDer() {
        assertThrows(BadPemException.class, () -> Der.parse(new byte[] {0x30}));
        assertThrows(BadPemException.class, () -> Der.parse(new byte[] {0x30, 5, 1}));
        assertThrows(BadPemException.class, () -> Der.parse(new byte[] {0x30, (byte) 0x80, 0, 0}));
        assertThrows(BadPemException.class, () -> Der.parse(new byte[] {0x30, (byte) 0x85, 1, 1, 1, 1, 1}));
        assertThrows(BadPemException.class, () -> Der.parse(new byte[] {4, 0, 0}));
        assertThrows(BadPemException.class, () -> PrivateKeys.pkcs8(Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}))));
        assertEquals("unsupported private key algorithm 1.2.840.10040.4.1", assertThrows(BadPemException.class,
                () -> PrivateKeys.pkcs8(Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}),
                        Der.encode(Der.SEQUENCE, Der.oid("1.2.840.10040.4.1")), Der.encode(Der.OCTET_STRING, new byte[] {1}))))
                .getMessage());
    }
}
