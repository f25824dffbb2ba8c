package io.cactus.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code id.timestamp.body} with one key, reusing one initialised {@link Mac}
 * per thread: creating and keying a Mac costs more than signing a small body.
 */
final class HmacSha256 {

    private final ThreadLocal<Mac> mac;

    HmacSha256(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    /** The MAC of {@code prefix} (the UTF-8 of {@code id.timestamp.}) followed by {@code body}. */
    byte[] mac(byte[] prefix, byte[] body, int offset, int length) {
        Mac m = mac.get();
        m.update(prefix);
        m.update(body, offset, length);
        return m.doFinal();
    }

    /**
     * The UTF-8 of {@code id.timestamp.}. Ids are ASCII in practice, so the bytes are written
     * straight into one array; this runs on every sign and verify and the String concatenation
     * plus encoding cost a measurable share of a 1 KiB HMAC.
     */
    static byte[] signedPrefix(String id, long timestamp) {
        if (timestamp < 0) {
            return slowSignedPrefix(id, timestamp);
        }
        int idLength = id.length();
        int digits = 1;
        for (long v = timestamp; v >= 10; v /= 10) {
            digits++;
        }
        byte[] out = new byte[idLength + digits + 2];
        for (int i = 0; i < idLength; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                return slowSignedPrefix(id, timestamp);
            }
            out[i] = (byte) c;
        }
        out[idLength] = '.';
        long v = timestamp;
        for (int i = idLength + digits; i > idLength; i--) {
            out[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        out[out.length - 1] = '.';
        return out;
    }

    private static byte[] slowSignedPrefix(String id, long timestamp) {
        return (id + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
    }
}
