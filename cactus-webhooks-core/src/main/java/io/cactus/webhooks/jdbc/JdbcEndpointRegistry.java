package io.cactus.webhooks.jdbc;

import static io.cactus.webhooks.jdbc.EndpointRows.*;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointSource;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.spi.EditableEndpointRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EndpointRegistry} kept in the database ({@code cactus_webhook_endpoints} and
 * {@code cactus_webhook_endpoint_headers}, created by the versioned scripts of
 * {@code db/cactus-webhooks/<database>/endpoints/} in the jar), so endpoints can be managed at
 * runtime and shared by several nodes.
 *
 * <p><b>Secrets are stored as their {@code whsec_...} text, and auth credentials as plain
 * text:</b> the library needs them to sign and authenticate every request, so they cannot be
 * hashed. Protect the tables as you protect other credentials (database access rights, encryption
 * at rest). They never appear in logs, {@code toString()} or exception messages of this class.
 *
 * <p>Reads are served from an in-memory snapshot of all endpoints. It is reloaded after every
 * write through this instance, on {@link #refresh()}, and when it is older than the refresh
 * interval (default 5 seconds), so changes made by other nodes show up within that interval. A
 * reload that fails keeps the old snapshot (logged at WARN) and is tried again after the interval.
 * A stored row that no longer forms a valid endpoint is skipped with a WARN.
 *
 * <p><b>Endpoints from configuration.</b> {@link #applyConfiguration(List)} writes the endpoints of
 * the application's configuration, marked {@linkplain EndpointSource#managed() managed by
 * configuration}; the Spring Boot adapter calls it at every startup. The mark is stored with the
 * endpoint, so every node and page sees it. {@link #save} and {@link #delete} refuse a managed
 * endpoint with a {@link ManagedEndpointException} and change nothing; {@link #setEnabled} is
 * allowed (an operational switch). Endpoints created at runtime are never touched by the sync,
 * unless the configuration names their id (then the configuration takes them over).
 *
 * <p>Thread-safe. Null or invalid arguments throw {@link IllegalArgumentException}; database
 * failures throw {@link WebhookException} with the driver's exception as cause.
 */
public final class JdbcEndpointRegistry implements EditableEndpointRegistry {

    private static final Logger log = LoggerFactory.getLogger(JdbcEndpointRegistry.class);

    /** {@code expiresAt} null: reloaded only after writes and on {@link #refresh()}. */
    private record Snapshot(List<Endpoint> list, Map<String, Endpoint> byId,
            Map<@Nullable TenantId, List<Endpoint>> byTenant, @Nullable Instant expiresAt) {

        static Snapshot of(Map<String, Endpoint> byId, @Nullable Instant expiresAt) {
            // the fan-out of a message reads its tenant's endpoints only (null: those without a tenant)
            Map<@Nullable TenantId, List<Endpoint>> byTenant = new HashMap<>();
            for (Endpoint e : byId.values()) {
                byTenant.computeIfAbsent(e.tenant(), k -> new ArrayList<>()).add(e);
            }
            byTenant.replaceAll((k, v) -> List.copyOf(v));
            return new Snapshot(List.copyOf(byId.values()), Collections.unmodifiableMap(byId),
                    Collections.unmodifiableMap(byTenant), expiresAt);
        }

        Snapshot withExpiry(@Nullable Instant value) {
            return new Snapshot(list, byId, byTenant, value);
        }
    }

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Clock clock;
    private final Duration refreshInterval;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile @Nullable Snapshot snapshot;

    private JdbcEndpointRegistry(DataSource dataSource, JdbcDialect dialect, Clock clock, Duration refreshInterval) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
    }

    /**
     * A builder for a registry on {@code dataSource}; the database is detected when it is built.
     *
     * @param dataSource the database; a pooled one in production
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Brings the registry's tables ({@code cactus_webhook_endpoints},
     * {@code cactus_webhook_endpoint_headers}) to the schema version of this library: applies the
     * versioned scripts of {@code db/cactus-webhooks/<database>/endpoints/} that the database does
     * not have, each once, in order, and records them in {@code cactus_webhook_schema_history}. Safe
     * when several nodes start together and when nothing is missing. The delivery tables are not
     * created (see {@link JdbcDeliveryStore#createSchema()}).
     *
     * @throws WebhookStoreException if the database was migrated by a newer library (it names both
     *     versions), an applied script differs from this library's, the database refuses a script
     *     or cannot be reached
     */
    public void createSchema() {
        new SchemaMigrator(dataSource, dialect, clock).migrate(SchemaComponent.ENDPOINTS);
    }

    /** All endpoints, enabled or not, ordered by id; from the snapshot. */
    @Override
    public List<Endpoint> endpoints() {
        return current().list();
    }

    /** From the snapshot; empty for an unknown id. */
    @Override
    public Optional<Endpoint> find(String id) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        return Optional.ofNullable(current().byId().get(id));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from the database, not the snapshot, with {@code tenant_id = ?} in the statement:
     * nothing of another tenant is read. Ordered by id.
     */
    @Override
    public List<Endpoint> endpoints(TenantId tenant) {
        if (tenant == null) {
            throw new IllegalArgumentException("tenant must not be null");
        }
        return List.copyOf(read(LOAD_TENANT, tenant.value()).values());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from the database, not the snapshot, with {@code id = ? AND tenant_id = ?} in the
     * statement.
     */
    @Override
    public Optional<Endpoint> find(TenantId tenant, String id) {
        if (tenant == null || id == null) {
            throw new IllegalArgumentException("tenant and id must not be null");
        }
        return read(LOAD_ONE_OF_TENANT, id, tenant.value()).values().stream().findFirst();
    }

    /** From the snapshot, which indexes its endpoints by tenant: a publish reads its tenant's only. */
    @Override
    public List<Endpoint> subscribedTo(@Nullable TenantId tenant, EventType type) {
        List<Endpoint> ofTenant = current().byTenant().getOrDefault(tenant, List.of());
        List<Endpoint> result = new ArrayList<>(ofTenant.size());
        for (Endpoint e : ofTenant) {
            if (e.subscribesTo(type)) {
                result.add(e);
            }
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The tenant is checked on the locked row, in the transaction of the write: an id that
     * another tenant's endpoint (or one without a tenant) has is refused, and nothing is changed.
     */
    @Override
    public void save(TenantId tenant, Endpoint endpoint) {
        if (tenant == null || endpoint == null) {
            throw new IllegalArgumentException("tenant and endpoint must not be null");
        }
        if (!tenant.equals(endpoint.tenant())) {
            throw new IllegalArgumentException("endpoint '" + endpoint.id() + "' must belong to tenant " + tenant);
        }
        save(endpoint, tenant);
    }

    /**
     * Inserts the endpoint, or replaces the stored one with the same id (headers included), in one
     * transaction; then reloads the snapshot. The stored endpoint must not be managed by
     * configuration: that is checked on the locked row, in the same transaction.
     *
     * @throws IllegalArgumentException if the endpoint is null, its own source is
     *     {@linkplain EndpointSource#managed() managed} (configured endpoints are written by
     *     {@link #applyConfiguration}), or a value is too long for its column; nothing is changed
     * @throws ManagedEndpointException if the stored endpoint with this id is managed by
     *     configuration; nothing is changed
     */
    @Override
    public void save(Endpoint endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint must not be null");
        }
        save(endpoint, null);
    }

    /** Saves; with {@code tenant}, only over an endpoint of that tenant (or none). */
    private void save(Endpoint endpoint, @Nullable TenantId tenant) {
        if (endpoint.source().managed()) {
            throw new IllegalArgumentException("endpoint '" + endpoint.id() + "' has the source " + endpoint.source()
                    + ": save() stores runtime endpoints; configured ones are written by applyConfiguration()");
        }
        Row row = Row.of(endpoint);
        Instant now = clock.instant();
        String upsert = EndpointRows.upsert(dialect);
        retryingDuplicateKey(() -> Jdbc.runInRowLockingTransaction(dataSource, dialect, "save endpoint '" + endpoint.id() + "'", c -> {
            Stored stored = lock(c, endpoint.id());
            if (tenant != null && stored != null && !tenant.equals(stored.tenant())) {
                throw EditableEndpointRegistry.idTaken(endpoint.id());
            }
            if (stored != null && stored.source().managed()) {
                throw new ManagedEndpointException(endpoint.id(), stored.source(), "edited");
            }
            writeWithHeaders(c, upsert, endpoint, row, now, null);
        }));
        refreshAfterWrite();
    }

    /**
     * Makes the registry hold the configuration's endpoints, each marked managed by configuration;
     * then reloads the snapshot. Call it at every startup with the whole configured list (the
     * Spring Boot adapter does). Each endpoint is written in a transaction of its own, on its
     * locked row:
     *
     * <ul>
     *   <li>a new id is inserted;</li>
     *   <li>a managed endpoint gets the configured settings. Its enabled flag is the configured
     *       value if that value changed since the last sync (or the endpoint is new to
     *       configuration); otherwise the stored flag stays, so an endpoint disabled at runtime (by
     *       hand, or by the dispatcher after {@code 410 Gone}) stays disabled across restarts;</li>
     *   <li>an endpoint created at runtime with a configured id is taken over: it gets the
     *       configured settings and the mark (logged at WARN);</li>
     *   <li>a managed endpoint that the configuration no longer names is <em>released</em>: it stays,
     *       settings and deliveries unchanged, becomes a runtime endpoint (editable and deletable
     *       from now on), and is reported at WARN.</li>
     * </ul>
     *
     * Endpoints created at runtime under other ids are not touched. Nodes that share the database
     * should have the same configured endpoints: each startup applies its own list.
     *
     * @param configured the configured endpoints; each must have a
     *     {@linkplain EndpointSource#configuration(String) configuration} source
     * @throws IllegalArgumentException if the list is null or holds null, two endpoints share an
     *     id, an endpoint's source is not configuration, or a value is too long for its column;
     *     nothing is changed then
     * @throws WebhookStoreException if the database cannot be written; the endpoints written before
     *     the failure stay written
     */
    public void applyConfiguration(List<Endpoint> configured) {
        if (configured == null || io.cactus.webhooks.internal.Checks.hasNull(configured)) {
            throw new IllegalArgumentException("configured endpoints must not be null or contain null");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Endpoint e : configured) {
            if (!e.source().managed()) {
                throw new IllegalArgumentException("endpoint '" + e.id() + "' has the source " + e.source()
                        + ": applyConfiguration() takes configured endpoints (EndpointSource.configuration(...))");
            }
            if (rows.put(e.id(), Row.of(e)) != null) {
                throw new IllegalArgumentException("duplicate configured endpoint id '" + e.id() + "'");
            }
        }
        Instant now = clock.instant();
        String upsert = EndpointRows.upsert(dialect);
        for (Endpoint e : configured) {
            retryingDuplicateKey(() -> Jdbc.runInRowLockingTransaction(dataSource, dialect, "apply configured endpoint '" + e.id() + "'",
                    c -> applyOne(c, upsert, e, rows.get(e.id()), now)));
        }
        release(rows.keySet(), now);
        refreshAfterWrite();
    }

    private void applyOne(Connection c, String upsert, Endpoint e, @Nullable Row row, Instant now) throws SQLException {
        Stored stored = lock(c, e.id());
        boolean enabled = e.enabled();
        if (stored == null) {
            log.info("Webhook endpoint '{}' added from configuration ({})", e.id(), e.source().origin());
        } else if (!stored.source().managed()) {
            log.warn("Webhook endpoint '{}' was created at runtime and is now managed by configuration ({}): its"
                    + " settings are the configured ones, and it is read-only at runtime", e.id(), e.source().origin());
        } else if (stored.configuredEnabled() != null && stored.configuredEnabled() == e.enabled()
                && stored.enabled() != e.enabled()) {
            enabled = stored.enabled(); // switched at runtime, and the configuration did not change its mind since
            log.info("Webhook endpoint '{}' stays {} as switched at runtime (configured enabled={})", e.id(),
                    enabled ? "enabled" : "disabled", e.enabled());
        }
        writeWithHeaders(c, upsert, e.withEnabled(enabled), java.util.Objects.requireNonNull(row), now, e.enabled());
    }

    private void release(java.util.Set<String> configuredIds, Instant now) {
        Map<String, @Nullable String> managed = Jdbc.read(dataSource, "read configured endpoints", c -> {
            Map<String, @Nullable String> result = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(CONFIGURED_IDS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getString(2));
                }
            }
            return result;
        });
        for (Map.Entry<String, @Nullable String> m : managed.entrySet()) {
            if (configuredIds.contains(m.getKey())) {
                continue;
            }
            boolean released = Jdbc.inRowLockingTransaction(dataSource, dialect, "release endpoint '" + m.getKey() + "'", c -> {
                try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                    dialect.setInstant(ps, 1, now);
                    ps.setString(2, m.getKey());
                    return ps.executeUpdate() == 1;
                }
            });
            if (released) {
                log.warn("Webhook endpoint '{}' is no longer in the configuration (it was configured at {}): it is kept"
                        + " as it was, with its deliveries, and is a runtime endpoint from now on (editable and"
                        + " deletable at runtime)", m.getKey(), m.getValue());
            }
        }
    }

    /** A stored endpoint's owner and flags, from its locked row. */
    private record Stored(boolean enabled, EndpointSource source, @Nullable Boolean configuredEnabled,
            @Nullable TenantId tenant) {
    }

    /** The stored owner of {@code id}, its row locked for the transaction; null if there is none. */
    private static @Nullable Stored lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                boolean enabled = rs.getBoolean("enabled");
                EndpointSource source = source(rs.getString("source"), rs.getString("source_origin"));
                boolean configuredEnabled = rs.getBoolean("configured_enabled");
                boolean noConfiguredEnabled = rs.wasNull();
                return new Stored(enabled, source, noConfiguredEnabled ? null : configuredEnabled,
                        DeliverySql.tenant(rs.getString("tenant_id")));
            }
        }
    }

    private interface Write {
        void run();
    }

    private void retryingDuplicateKey(Write write) {
        try {
            write.run();
        } catch (WebhookStoreException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Another node inserted the same new endpoint between our statement's check and its
            // insert (H2's MERGE can lose that race); the row exists now, so the retry updates it.
            write.run();
        }
    }

    private boolean isDuplicateKey(WebhookStoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && dialect.isDuplicateKey(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Upserts the row and replaces the headers, in the caller's transaction. */
    private void writeWithHeaders(Connection c, String upsert, Endpoint endpoint, Row row, Instant now,
            @Nullable Boolean configuredEnabled) throws SQLException {
        write(c, upsert, endpoint, row, now, configuredEnabled);
        try (PreparedStatement ps = c.prepareStatement(DELETE_HEADERS)) {
            ps.setString(1, endpoint.id());
            ps.executeUpdate();
        }
        if (!endpoint.headers().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_HEADER)) {
                int index = 0;
                for (Map.Entry<String, String> h : endpoint.headers().entrySet()) {
                    ps.setString(1, endpoint.id());
                    ps.setInt(2, index++);
                    ps.setString(3, h.getKey());
                    ps.setString(4, h.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private int write(Connection c, String sql, Endpoint e, Row row, Instant now,
            @Nullable Boolean configuredEnabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, row.url());
            ps.setString(2, row.filters());
            ps.setBoolean(3, e.enabled());
            ps.setString(4, row.secrets());
            ps.setString(5, row.authType());
            ps.setString(6, row.authName());
            ps.setString(7, row.authValue());
            ps.setString(8, e.headerStyle().name());
            ps.setInt(9, e.maxInFlight());
            ps.setDouble(10, e.rateLimitPerSecond());
            dialect.setInstant(ps, 11, now);
            ps.setString(12, e.source().kind().name());
            ps.setString(13, e.source().origin());
            if (configuredEnabled == null) {
                ps.setNull(14, Types.BOOLEAN);
            } else {
                ps.setBoolean(14, configuredEnabled);
            }
            ps.setString(15, e.ordering().name());
            TenantId tenant = e.tenant();
            ps.setString(16, tenant == null ? null : tenant.value());
            ps.setString(17, e.id());
            return ps.executeUpdate();
        }
    }

    /**
     * Deletes the endpoint and its headers. Its deliveries are left as they are (cancel them with
     * {@link io.cactus.webhooks.spi.DeliveryStore#cancelPending}).
     *
     * @return false if there was no such endpoint
     * @throws ManagedEndpointException if the endpoint is managed by configuration; nothing is deleted
     */
    @Override
    public boolean delete(String id) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        boolean deleted = Jdbc.inRowLockingTransaction(dataSource, dialect, "delete endpoint '" + id + "'", c -> {
            Stored stored = lock(c, id);
            if (stored == null) {
                return false;
            }
            if (stored.source().managed()) {
                throw new ManagedEndpointException(id, stored.source(), "deleted");
            }
            try (PreparedStatement headers = c.prepareStatement(DELETE_HEADERS);
                    PreparedStatement endpoint = c.prepareStatement(DELETE)) {
                headers.setString(1, id);
                headers.executeUpdate();
                endpoint.setString(1, id);
                return endpoint.executeUpdate() == 1;
            }
        });
        refreshAfterWrite();
        return deleted;
    }

    @Override
    public boolean setEnabled(String id, boolean enabled) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        Instant now = clock.instant();
        boolean changed = Jdbc.inTransaction(dataSource, "enable or disable endpoint '" + id + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(SET_ENABLED)) {
                ps.setBoolean(1, enabled);
                dialect.setInstant(ps, 2, now);
                ps.setString(3, id);
                return ps.executeUpdate() == 1;
            }
        });
        refreshAfterWrite();
        return changed;
    }

    /**
     * Reloads the snapshot from the database now, to see other nodes' changes at once.
     *
     * @throws WebhookException if the database cannot be read; the old snapshot stays
     */
    public void refresh() {
        loading.lock();
        try {
            snapshot = load();
        } finally {
            loading.unlock();
        }
    }

    /** The write is committed whatever happens here: a failed reload only makes the next read try again. */
    private void refreshAfterWrite() {
        try {
            refresh();
        } catch (WebhookException e) {
            log.warn("Could not reload webhook endpoints after a write; the next read tries again", e);
            Snapshot s = snapshot;
            if (s != null) {
                snapshot = s.withExpiry(Instant.MIN);
            }
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && (s.expiresAt() == null || clock.instant().isBefore(s.expiresAt()))) {
            return s;
        }
        if (s == null) {
            loading.lock();
            try {
                if (snapshot == null) {
                    snapshot = load();
                }
                return snapshot;
            } finally {
                loading.unlock();
            }
        }
        // Stale: one reader reloads, the others keep reading the old snapshot meanwhile.
        if (loading.tryLock()) {
            try {
                if (snapshot == s) {
                    try {
                        snapshot = load();
                    } catch (WebhookException e) {
                        log.warn("Could not reload webhook endpoints; keeping the {} loaded before", s.list().size(), e);
                        snapshot = s.withExpiry(expiry());
                    }
                }
            } finally {
                loading.unlock();
            }
        }
        Snapshot latest = snapshot; // never set back to null once loaded
        return latest != null ? latest : s;
    }

    private @Nullable Instant expiry() {
        return refreshInterval.isZero() ? null : clock.instant().plus(refreshInterval);
    }

    private Snapshot load() {
        return Snapshot.of(read(LOAD), expiry());
    }

    /** The endpoints the statement selects, bound to {@code params}, by id in id order. */
    private Map<String, Endpoint> read(String sql, String... params) {
        return Jdbc.read(dataSource, "load webhook endpoints", c -> {
            Map<String, Endpoint> result = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                String currentId = null;
                Endpoint.Builder builder = null;
                while (rs.next()) {
                    String id = rs.getString("id");
                    if (!id.equals(currentId)) {
                        add(result, currentId, builder);
                        currentId = id;
                        builder = builder(rs);
                    }
                    String name = rs.getString("header_name");
                    if (builder != null && name != null) {
                        builder.header(name, rs.getString("header_value"));
                    }
                }
                add(result, currentId, builder);
                }
            }
            return result;
        });
    }

    /** A builder for the row, or null (logged) if the row is not a valid endpoint any more. */
    private static Endpoint.@Nullable Builder builder(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            List<EventFilter> filters = filters(rs.getString("filters"));
            List<WebhookSecret> secrets = secrets(rs.getString("secrets"));
            // The builder would fill in '*' and a fresh secret; a stored row must bring its own.
            if (filters.isEmpty()) {
                throw new IllegalArgumentException("endpoint '" + id + "' needs at least one event filter");
            }
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("endpoint '" + id + "' needs at least one secret");
            }
            EndpointSource source = source(rs.getString("source"), rs.getString("source_origin"));
            return Endpoint.builder(id, rs.getString("url")).filters(filters).enabled(rs.getBoolean("enabled"))
                    .source(source)
                    .secrets(secrets)
                    .auth(auth(rs.getString("auth_type"), rs.getString("auth_name"), rs.getString("auth_value")))
                    .headerStyle(headerStyle(rs.getString("header_style"))).maxInFlight(rs.getInt("max_in_flight"))
                    .rateLimitPerSecond(rs.getDouble("rate_limit_per_second"))
                    .ordering(io.cactus.webhooks.endpoint.EndpointOrdering.named(rs.getString("ordering")))
                    .tenant(DeliverySql.tenant(rs.getString("tenant_id")));
        } catch (IllegalArgumentException e) {
            log.warn("Skipping stored webhook endpoint '{}': {}", id, e.getMessage());
            return null;
        }
    }

    private static void add(Map<String, Endpoint> result, @Nullable String id, Endpoint.@Nullable Builder builder) {
        if (id == null || builder == null) {
            return;
        }
        try {
            result.put(id, builder.build());
        } catch (IllegalArgumentException e) {
            log.warn("Skipping stored webhook endpoint '{}': {}", id, e.getMessage());
        }
    }

    @Override
    public String toString() {
        Snapshot s = snapshot;
        return "JdbcEndpointRegistry[" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ", endpoints="
                + (s == null ? "not loaded" : String.valueOf(s.list().size())) + "]";
    }

    /**
     * Builds a {@link JdbcEndpointRegistry}. Not thread-safe. Defaults: the database is detected,
     * the schema is not touched, the snapshot is reloaded when older than 5 seconds, system UTC clock.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable JdbcDialect dialect;
        private boolean initializeSchema;
        private Clock clock = Clock.systemUTC();
        private Duration refreshInterval = Duration.ofSeconds(5);

        private Builder(DataSource dataSource) {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource must not be null");
            }
            this.dataSource = dataSource;
        }

        /**
         * Names the database instead of detecting it: {@code h2}, {@code postgresql} or {@code mariadb}
         * ({@code mysql} is a synonym).
         *
         * @param name the dialect, in any case
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or not one of those
         */
        public Builder dialect(String name) {
            this.dialect = JdbcDialect.named(name);
            return this;
        }

        /**
         * Whether {@link #build()} migrates the registry's tables to the library's schema version
         * ({@link JdbcEndpointRegistry#createSchema()}); off by default, for a schema that Flyway,
         * Liquibase or a database administrator owns.
         *
         * @param value true to create and upgrade them
         * @return this builder
         */
        public Builder initializeSchema(boolean value) {
            this.initializeSchema = value;
            return this;
        }

        /**
         * The clock for update times and the snapshot's age. Default the system UTC clock.
         *
         * @param value the clock
         * @return this builder
         * @throws IllegalArgumentException if it is null
         */
        public Builder clock(Clock value) {
            if (value == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = value;
            return this;
        }

        /**
         * How old the snapshot may grow before a read reloads it; {@link Duration#ZERO} reloads only
         * after writes through this instance and on {@link #refresh()}. Default 5 seconds.
         *
         * @param value zero or positive
         * @return this builder
         * @throws IllegalArgumentException if null or negative
         */
        public Builder refreshInterval(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("refreshInterval must be zero or positive, was " + value);
            }
            this.refreshInterval = value;
            return this;
        }

        /**
         * Builds the registry: detects the database (one connection) unless a dialect was named, and
         * migrates the schema if asked.
         *
         * @return a new, thread-safe registry
         * @throws IllegalArgumentException if the database is not supported
         * @throws WebhookException if the database cannot be reached for detection or migration, or
         *     the migration fails (see {@link JdbcEndpointRegistry#createSchema()})
         */
        public JdbcEndpointRegistry build() {
            JdbcDialect d = dialect != null ? dialect : Jdbc.detect(dataSource);
            JdbcEndpointRegistry registry = new JdbcEndpointRegistry(dataSource, d, clock, refreshInterval);
            if (initializeSchema) {
                registry.createSchema();
            }
            return registry;
        }
    }
}
