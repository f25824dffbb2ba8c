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

    static byte[] signedPrefix(String id, long timestamp) {
        return (id + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
    }
}
