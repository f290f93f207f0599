package io.condurejava.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * One loaded identity: the certificate chain (leaf first) and its private key, under the key-manager
 * alias of this load ({@code NAME#GENERATION}, so a handshake never mixes a key and a chain from two
 * loads). Immutable; any thread.
 */
record Identity(String name, String alias, X509Certificate[] chain, PrivateKey key) {
    private static final char ALIAS_SEPARATOR = '#';

    Identity(String name, long generation, X509Certificate[] chain, PrivateKey key) {
        this(name, name + ALIAS_SEPARATOR + generation, chain, key);
    }

    /** The identity name an alias belongs to, or null if it is not one of ours. */
    static String nameOf(String alias) {
        int at = alias == null ? -1 : alias.lastIndexOf(ALIAS_SEPARATOR);
        return at <= 0 ? null : alias.substring(0, at);
    }

    /** The key type the JDK asks for (RSA, RSASSA-PSS, EC, EdDSA). */
    String keyType() {
        return PrivateKeys.family(key.getAlgorithm());
    }
}
