package io.cactus.webhooks.signing;

import io.cactus.webhooks.internal.Checks;
import io.cactus.webhooks.internal.Checks;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs requests the Standard Webhooks way: {@code v1,<base64 HMAC-SHA256>} over
 * {@code id + "." + timestamp + "." + body} for each active secret, and {@code v1a,<base64
 * Ed25519>} for each signing key, joined by single spaces (that is how secrets are rotated: sign
 * with old and new while receivers move over).
 *
 * <p>Immutable and thread-safe. The body is signed exactly as given: sign the bytes you send.
 */
public final class WebhookSigner {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final List<HmacSha256> macs;
    private final List<WebhookSigningKey> signingKeys;

    private WebhookSigner(List<WebhookSecret> secrets, List<WebhookSigningKey> signingKeys) {
        List<HmacSha256> list = new ArrayList<>(secrets.size());
        for (WebhookSecret secret : secrets) {
            list.add(new HmacSha256(secret.key()));
        }
        this.macs = List.copyOf(list);
        this.signingKeys = List.copyOf(signingKeys);
    }

    /**
     * A signer with these secrets, in this order (put the newest first).
     *
     * @param secrets at least one secret
     * @return the signer
     * @throws IllegalArgumentException if no secret is given or one is null
     */
    public static WebhookSigner of(WebhookSecret... secrets) {
        // Arrays.asList, not List.of: List.of throws NullPointerException on a null element.
        if (secrets == null) {
            throw new IllegalArgumentException("secrets and signingKeys must not be null");
        }
        return of(Arrays.asList(secrets), List.of());
    }

    /**
     * A signer with HMAC secrets and Ed25519 keys; together at least one. The {@code v1} entries
     * come first, in the order of {@code secrets}, then the {@code v1a} ones.
     *
     * @param secrets the HMAC secrets; copied
     * @param signingKeys the Ed25519 keys; copied
     * @return the signer
     * @throws IllegalArgumentException if both lists are empty or an element is null
     */
    public static WebhookSigner of(List<WebhookSecret> secrets, List<WebhookSigningKey> signingKeys) {
        if (secrets == null || signingKeys == null) {
            throw new IllegalArgumentException("secrets and signingKeys must not be null");
        }
        if (Checks.hasNull(secrets) || Checks.hasNull(signingKeys)) {
            throw new IllegalArgumentException("secrets and signingKeys must not contain null");
        }
        if (secrets.isEmpty() && signingKeys.isEmpty()) {
            throw new IllegalArgumentException("a signer needs at least one secret or signing key");
        }
        return new WebhookSigner(secrets, signingKeys);
    }

    /**
     * The value of the {@code webhook-signature} header for this id, timestamp and body.
     *
     * @param id the message id ({@code webhook-id})
     * @param timestamp the attempt's time in Unix seconds ({@code webhook-timestamp})
     * @param body the exact bytes of the request body
     * @return one entry per secret and key, separated by single spaces, such as
     *     {@code v1,<base64> v1a,<base64>}
     * @throws IllegalArgumentException if {@code id} or {@code body} is null
     */
    public String sign(String id, long timestamp, byte[] body) {
        if (id == null || body == null) {
            throw new IllegalArgumentException("id and body must not be null");
        }
        byte[] prefix = HmacSha256.signedPrefix(id, timestamp);
        if (macs.size() == 1 && signingKeys.isEmpty()) {
            return "v1," + BASE64.encodeToString(macs.get(0).mac(prefix, body, 0, body.length));
        }
        StringBuilder out = new StringBuilder(48 * macs.size() + 92 * signingKeys.size());
        for (HmacSha256 mac : macs) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append("v1,").append(BASE64.encodeToString(mac.mac(prefix, body, 0, body.length)));
        }
        for (WebhookSigningKey key : signingKeys) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append("v1a,").append(BASE64.encodeToString(ed25519(key, prefix, body)));
        }
        return out.toString();
    }

    /**
     * The three headers, named in {@code style}, for one attempt: id, timestamp and signature.
     * The map iterates in that order.
     *
     * @param style which names the headers get
     * @param id the message id
     * @param timestamp the attempt's time in Unix seconds
     * @param body the exact bytes of the request body
     * @return a new, modifiable map of the three headers
     * @throws IllegalArgumentException if {@code id} or {@code body} is null
     */
    public Map<String, String> headers(HeaderStyle style, String id, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        headers.put(style.idHeader(), id);
        headers.put(style.timestampHeader(), Long.toString(timestamp));
        headers.put(style.signatureHeader(), sign(id, timestamp, body));
        return headers;
    }

    private static byte[] ed25519(WebhookSigningKey key, byte[] prefix, byte[] body) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.privateKey());
            signature.update(prefix);
            signature.update(body);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secrets=" + macs.size() + ", signingKeys=" + signingKeys.size() + "]";
    }
}
