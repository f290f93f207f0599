/**
 * TLS for client listeners ({@code --listen PORT,tls[,default-cert=NAME]}), as Condure does it:
 * identities {@code NAME.crt}/{@code NAME.key} in {@code --tls-identities-dir}, chosen per handshake by
 * SNI (exact name, then the one-level wildcard {@code _.rest}, then the listener's default-cert),
 * loaded lazily and reloaded when the files change. PEM keys in PKCS#8, PKCS#1 RSA and SEC1 EC are
 * read with the JDK alone (PKCS#1 and SEC1 are wrapped into PKCS#8).
 *
 * <p>Entry point: {@link io.condurejava.tls.TlsIdentities} — {@code open(dir)} and
 * {@code requireIdentity(defaultCert)} at start-up, {@code accept(socket, defaultCert)} on each
 * accepted connection's virtual thread.
 */
package io.condurejava.tls;
