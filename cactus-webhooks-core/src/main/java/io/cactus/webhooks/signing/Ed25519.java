package io.cactus.webhooks.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** Raw 32-byte Ed25519 keys to and from the JDK's key objects (Java 17 has Ed25519 built in). */
final class Ed25519 {

    static final int KEY_BYTES = 32;

    // DER prefixes of PKCS#8 and X.509 encodings of an Ed25519 key (RFC 8410), before the raw key.
    private static final byte[] PKCS8_PREFIX = Base64.getDecoder().decode("MC4CAQAwBQYDK2VwBCIEIA==");
    private static final byte[] X509_PREFIX = Base64.getDecoder().decode("MCowBQYDK2VwAyEA");

    private Ed25519() {
    }

    static PrivateKey privateKey(byte[] seed) {
        return (PrivateKey) decode(PKCS8_PREFIX, seed, true);
    }

    static PublicKey publicKey(byte[] raw) {
        return (PublicKey) decode(X509_PREFIX, raw, false);
    }

    /** The raw public key that belongs to {@code seed}. */
    static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            // The generator takes its 32-byte seed from the random source: hand it ours.
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            return rawPublic(pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    static byte[] rawPublic(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - KEY_BYTES, encoded.length);
    }

    private static Object decode(byte[] prefix, byte[] raw, boolean isPrivate) {
        byte[] der = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            return isPrivate ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : factory.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 key", e);
        }
    }

    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }
}
