package io.cactus.webhooks;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The id of a tenant (an application, a customer) that owns endpoints and the deliveries to them.
 * A message of a tenant goes only to that tenant's endpoints, and a view scoped to a tenant
 * ({@link WebhookReader#forTenant}, {@link WebhookAdmin#forTenant}) sees nothing of another one;
 * see docs/tenants.md.
 *
 * <p>1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ : -}, compared exactly (case
 * matters). Tenant ids are not secret: {@link #toString()} is the value.
 *
 * <p>Immutable and thread-safe. Ordered by value.
 */
public final class TenantId implements Comparable<TenantId> {

    /** Longest tenant id (the JDBC column {@code tenant_id}). */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private final String value;

    private TenantId(String value) {
        this.value = value;
    }

    /**
     * The tenant id with this value.
     *
     * @param value 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ : -}
     * @return the id
     * @throws IllegalArgumentException naming the rule if the value is null, empty, too long or
     *     holds another character (a long value is shown by its length only)
     */
    public static TenantId of(@Nullable String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            String shown = value == null ? "null"
                    : value.length() > MAX_LENGTH ? "a value of " + value.length() + " characters" : "'" + value + "'";
            throw new IllegalArgumentException("tenant id must be 1 to " + MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : -, was " + shown);
        }
        return new TenantId(value);
    }

    /**
     * The id as given.
     *
     * @return the value, never null
     */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(TenantId o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TenantId t && value.equals(t.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The value: tenant ids are not secret. */
    @Override
    public String toString() {
        return value;
    }
}
