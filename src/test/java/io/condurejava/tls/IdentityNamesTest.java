package io.condurejava.tls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Condure's lookup order and name rules, without files. */
class IdentityNamesTest {
    @Test
    void exactThenWildcardThenDefault() {
        assertEquals(List.of("www.example.com", "_.example.com", "default"),
                IdentityNames.candidates("www.example.com", "default"));
    }

    @Test
    void wildcardIsOneLevel() {
        assertEquals(List.of("a.b.example.com", "_.b.example.com"), IdentityNames.candidates("a.b.example.com", null));
    }

    @Test
    void lowerCased() {
        assertEquals(List.of("example.com", "_.com"), IdentityNames.candidates("EXAMPLE.Com", null));
    }

    @Test
    void singleLabelHasNoWildcard() {
        assertEquals(List.of("localhost", "d"), IdentityNames.candidates("localhost", "d"));
    }

    @Test
    void noServerNameMeansDefaultOnly() {
        assertEquals(List.of("d"), IdentityNames.candidates(null, "d"));
        assertEquals(List.of(), IdentityNames.candidates(null, null));
    }

    @Test
    void defaultIsNotRepeated() {
        assertEquals(List.of("d"), IdentityNames.candidates("d", "d"));
    }

    @Test
    void invalidServerNameFallsBackToDefault() {
        assertEquals(List.of("d"), IdentityNames.candidates("a/b.example.com", "d"));
        assertEquals(List.of("d"), IdentityNames.candidates("x".repeat(254), "d"));
        assertEquals(List.of("d"), IdentityNames.candidates("a\u0001b", "d"));
    }

    @Test
    void validity() {
        assertTrue(IdentityNames.isValid("default_443"));
        assertTrue(IdentityNames.isValid("_.example.com"));
        assertTrue(IdentityNames.isValid("x".repeat(253)));
        assertFalse(IdentityNames.isValid("x".repeat(254)));
        assertFalse(IdentityNames.isValid(""));
        assertFalse(IdentityNames.isValid(null));
        assertFalse(IdentityNames.isValid("../etc/passwd"));
        assertFalse(IdentityNames.isValid("a\tb"));
        assertFalse(IdentityNames.isValid("a\u007fb"));
    }

    @Test
    void cipherSuiteProfile() {
        assertTrue(TlsProfile.allowed("TLS_AES_128_GCM_SHA256"));
        assertTrue(TlsProfile.allowed("TLS_CHACHA20_POLY1305_SHA256"));
        assertTrue(TlsProfile.allowed("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertTrue(TlsProfile.allowed("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
        assertTrue(TlsProfile.allowed("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(TlsProfile.allowed("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
        assertFalse(TlsProfile.allowed("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(TlsProfile.allowed("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"));
    }
}
