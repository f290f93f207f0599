package io.condurejava.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Private keys from PEM blocks: PKCS#8 ({@code PRIVATE KEY}: RSA, RSASSA-PSS, EC, Ed25519, Ed448),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}, named curves, the curve
 * taken from the key or from a preceding {@code EC PARAMETERS} block). The last two are wrapped in a
 * PKCS#8 structure so the JDK's key factories read them. Encrypted keys are refused. Pure; any thread.
 */
final class PrivateKeys {
    static final String PKCS8 = "PRIVATE KEY";
    static final String PKCS1_RSA = "RSA PRIVATE KEY";
    static final String SEC1_EC = "EC PRIVATE KEY";
    static final String EC_PARAMETERS = "EC PARAMETERS";
    static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";

    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    /** PKCS#8 algorithm OID → JDK KeyFactory name. */
    private static final Map<String, String> KEY_FACTORIES = Map.of(
            RSA_ENCRYPTION, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");
    private static final byte[] MATCH_PROBE = "condure-java key match probe".getBytes(StandardCharsets.US_ASCII);
    private static final String ENCRYPTED_HINT =
            "encrypted private keys are not supported; decrypt it, e.g. openssl pkey -in FILE -out FILE";

    private PrivateKeys() {
    }

    /** The one private key among {@code blocks}. */
    static PrivateKey fromPem(List<Pem.Block> blocks) throws BadPemException {
        Pem.Block key = null;
        byte[] ecParameters = null;
        for (Pem.Block b : blocks) {
            switch (b.label()) {
                case ENCRYPTED_PKCS8 -> throw new BadPemException(ENCRYPTED_HINT);
                case PKCS8, PKCS1_RSA, SEC1_EC -> {
                    if (b.hasHeaders()) {
                        throw new BadPemException(ENCRYPTED_HINT);
                    }
                    if (key != null) {
                        throw new BadPemException("more than one private key");
                    }
                    key = b;
                }
                case EC_PARAMETERS -> ecParameters = b.der();
                default -> { } // other blocks are ignored, as OpenSSL does
            }
        }
        if (key == null) {
            throw new BadPemException("no private key (expected BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        return pkcs8(switch (key.label()) {
            case PKCS1_RSA -> wrapPkcs1(key.der());
            case SEC1_EC -> wrapSec1(key.der(), ecParameters);
            default -> key.der();
        });
    }

    static PrivateKey pkcs8(byte[] der) throws BadPemException {
        List<Der.Element> fields = Der.parse(der).children();
        if (fields.size() < 3 || fields.get(0).tag() != Der.INTEGER || fields.get(1).tag() != Der.SEQUENCE
                || fields.get(1).children().isEmpty()) {
            throw new BadPemException("not a PKCS#8 private key");
        }
        String oid = Der.oidText(fields.get(1).children().get(0));
        String algorithm = KEY_FACTORIES.get(oid);
        if (algorithm == null) {
            throw new BadPemException("unsupported private key algorithm " + oid);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new BadPemException("unreadable " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 around a PKCS#1 RSAPrivateKey (RFC 8017 A.1.2, RFC 5208 §5). */
    static byte[] wrapPkcs1(byte[] pkcs1) throws BadPemException {
        if (Der.parse(pkcs1).tag() != Der.SEQUENCE) {
            throw new BadPemException("not a PKCS#1 RSA private key");
        }
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.oid(RSA_ENCRYPTION), Der.encode(Der.NULL));
        return Der.encode(Der.SEQUENCE, version0(), algorithm, Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /** PKCS#8 around a SEC1 ECPrivateKey (RFC 5915 §3), the curve OID in the AlgorithmIdentifier (RFC 5480). */
    static byte[] wrapSec1(byte[] sec1, byte[] ecParameters) throws BadPemException {
        List<Der.Element> fields = Der.parse(sec1).children();
        if (fields.size() < 2 || fields.get(0).tag() != Der.INTEGER || fields.get(1).tag() != Der.OCTET_STRING) {
            throw new BadPemException("not a SEC1 EC private key");
        }
        Der.Element curve = null;
        for (Der.Element f : fields.subList(2, fields.size())) {
            if (f.tag() == Der.CONTEXT_0 && f.children().size() == 1) {
                curve = f.children().get(0);
            }
        }
        if (curve == null && ecParameters != null) {
            curve = Der.parse(ecParameters);
        }
        if (curve == null) {
            throw new BadPemException("EC private key names no curve and no EC PARAMETERS block precedes it");
        }
        if (curve.tag() != Der.OID) {
            throw new BadPemException("EC keys with explicit curve parameters are not supported; use a named curve");
        }
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.oid(EC_PUBLIC_KEY), curve.encoded());
        return Der.encode(Der.SEQUENCE, version0(), algorithm, Der.encode(Der.OCTET_STRING, sec1));
    }

    /** True when {@code key} is the private half of {@code publicKey}. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String family = family(key.getAlgorithm());
        if (!family.equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        if (key instanceof RSAKey rsa && publicKey instanceof RSAPublicKey pub) {
            return rsa.getModulus().equals(pub.getModulus())
                    && (!(key instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(pub.getPublicExponent()));
        }
        String signature = switch (family) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (signature == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(MATCH_PROBE);
            byte[] proof = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(publicKey);
            verifier.update(MATCH_PROBE);
            return verifier.verify(proof);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The key type the JDK's TLS stack asks a key manager for: RSA, RSASSA-PSS, EC or EdDSA. */
    static String family(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> keyAlgorithm;
        };
    }

    private static byte[] version0() {
        return Der.encode(Der.INTEGER, new byte[] {0});
    }
}
