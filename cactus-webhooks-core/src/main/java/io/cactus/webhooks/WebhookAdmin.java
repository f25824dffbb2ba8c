package io.cactus.webhooks;

import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointSource;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.internal.Engine;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.EditableEndpointRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Changing what a {@link Webhooks} instance sends and to whom: sending deliveries again, enabling,
 * disabling, saving and deleting endpoints, rotating their secrets, and purging old deliveries.
 * Get it from {@link Webhooks#admin()}.
 *
 * <p>Each operation keeps the store, the registry, endpoint health and the dispatcher consistent:
 * disabling or deleting an endpoint also cancels its pending deliveries, enabling one forgets its
 * failure streak, and whatever makes work due wakes the dispatcher. Prefer these methods to
 * editing a registry directly.
 *
 * <p>Editing endpoints ({@link #saveEndpoint}, {@link #deleteEndpoint}, {@link #rotateSecret},
 * {@link #retireOldSecrets}) needs a registry that implements {@link EditableEndpointRegistry}
 * (the JDBC registry does); with another one these throw {@link UnsupportedOperationException}
 * and {@link #canEditEndpoints()} is false.
 *
 * <p>Endpoints {@linkplain EndpointSource#managed() managed by configuration} are read-only here:
 * {@link #saveEndpoint}, {@link #deleteEndpoint}, {@link #rotateSecret} and {@link #retireOldSecrets}
 * refuse them with a {@link ManagedEndpointException} naming the endpoint and where it is
 * configured, and change nothing. {@link #enable} and {@link #disable} work on every endpoint:
 * they are operational switches, and a managed endpoint switched at runtime stays so across
 * restarts until its configured {@code enabled} value changes. {@link #canEditEndpoint} tells
 * whether one endpoint can be edited.
 *
 * <p>Arguments are never null unless a parameter says so; a null or blank id throws
 * {@link IllegalArgumentException} or {@link NullPointerException} naming it. A store or registry
 * that cannot be written throws {@link WebhookStoreException}.
 *
 * <p><b>Tenants.</b> {@link #forTenant} gives an admin whose every operation acts on that
 * tenant's endpoints and deliveries only. An id of another tenant (or of none) behaves exactly like
 * an unknown id: false, empty, or the same "no endpoint" exception, and nothing is changed.
 * {@link #saveEndpoint} stamps the tenant on the endpoint, and refuses an id that another tenant's
 * endpoint has as taken; {@link #publishTo} publishes for the tenant to its own endpoints; the
 * operator's {@link #purgeSucceeded} and {@link #runRetention} throw
 * {@link UnsupportedOperationException}. See docs/tenants.md.
 *
 * <p>Thread-safe.
 */
public final class WebhookAdmin {

    private final Engine engine;
    private final @Nullable TenantId tenant;

    WebhookAdmin(Engine engine) {
        this(engine, null);
    }

    private WebhookAdmin(Engine engine, @Nullable TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    /**
     * An admin that acts only on {@code tenant}'s endpoints and deliveries.
     *
     * @param value the tenant
     * @return a scoped admin (this one, if it is scoped to that tenant already)
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if this admin is scoped to another tenant (a scoped admin
     *     cannot widen its reach)
     */
    public WebhookAdmin forTenant(TenantId value) {
        Objects.requireNonNull(value, "tenant");
        if (tenant == null) {
            return new WebhookAdmin(engine, value);
        }
        if (tenant.equals(value)) {
            return this;
        }
        throw new IllegalArgumentException("this admin is scoped to tenant " + tenant + "; it cannot act for tenant "
                + value);
    }

    /**
     * The tenant this admin is scoped to.
     *
     * @return the tenant, or empty for the unscoped (operator's) admin
     */
    public Optional<TenantId> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** The endpoint as this admin sees it: of its tenant only, when scoped. */
    private Optional<Endpoint> find(String endpointId) {
        TenantId t = tenant;
        return t == null ? engine.registry().find(endpointId) : engine.registry().find(t, endpointId);
    }

    private void operatorOnly(String operation) {
        if (tenant != null) {
            throw new UnsupportedOperationException(operation + " is an operator's operation: it is not available to"
                    + " an admin scoped to a tenant");
        }
    }

    /**
     * Sends a delivery again with a fresh round of attempts, whatever its state (but in flight):
     * it is due at once, its attempt count starts again at 0, and the dispatcher is woken. Its
     * earlier attempts stay in its history. A delivery whose endpoint is disabled or gone is
     * cancelled again when its turn comes.
     *
     * <p>An ordered delivery (see {@link io.cactus.webhooks.endpoint.EndpointOrdering}) that is
     * BLOCKED keeps its place: it goes again first of its key, and the key goes on once it is
     * delivered. One that had finished takes a new place after every delivery of its key stored so
     * far: it is sent after those, never beside one of them.
     *
     * @param deliveryId the delivery id
     * @return true if it was made due; false if it does not exist or is in flight
     * @throws IllegalArgumentException if the id is null or blank
     * @throws PayloadExpungedException if retention removed its message's payload: there is nothing
     *     to send (the delivery is left as it is)
     */
    public boolean redeliver(String deliveryId) {
        TenantId t = tenant;
        boolean done = t == null ? engine.store().redeliver(deliveryId, engine.clock().instant())
                : engine.store().redeliver(t, deliveryId, engine.clock().instant());
        if (done) {
            engine.dispatcher().wake();
        }
        return done;
    }

    /**
     * Skips a BLOCKED delivery: it becomes DEAD, and the next delivery of its ordering key to its
     * endpoint goes (the dispatcher is woken). To send the blocked one again instead, in its place,
     * use {@link #redeliver}.
     *
     * @param deliveryId the delivery id
     * @return true if it was BLOCKED and is DEAD now; false if it does not exist or is not BLOCKED
     * @throws IllegalArgumentException if the id is null or blank
     * @throws UnsupportedOperationException if the store has no ordered delivery
     */
    public boolean skip(String deliveryId) {
        TenantId t = tenant;
        boolean done = t == null ? engine.store().skipBlocked(deliveryId, engine.clock().instant())
                : engine.store().skipBlocked(t, deliveryId, engine.clock().instant());
        if (done) {
            engine.dispatcher().wake();
        }
        return done;
    }

    /**
     * Sends again every dead or cancelled delivery of the endpoint created at or after {@code since},
     * each with a fresh round of attempts, paced as {@link #replay}; the dispatcher is woken if
     * there was any. Deliveries whose message's payload retention removed are left as they are.
     * Ordered deliveries take new places after every delivery of their key stored so far, in their
     * old order among themselves (see {@link #redeliver}).
     *
     * @param endpointId the endpoint id
     * @param since the earliest creation time of the deliveries to send again
     * @return how many deliveries were made due again
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if there is no such endpoint
     */
    public int replayFailed(String endpointId, Instant since) {
        Objects.requireNonNull(since, "since");
        existing(endpointId);
        Instant before = engine.clock().instant().plusSeconds(1); // nothing is created later than now
        return since.isBefore(before) ? replay(ReplaySelection.of(endpointId, since, before)) : 0;
    }

    /**
     * How many deliveries {@link #replay} would send again now, without changing anything (a dry
     * run). The count can differ from what a replay right after makes due only by what changed in
     * between (a delivery that died meanwhile, a payload that retention removed).
     *
     * @param selection the endpoint, optional event type and creation-time range
     * @return the count of dead and cancelled deliveries selected whose payload is still there
     * @throws NullPointerException if {@code selection} is null
     * @throws IllegalArgumentException if there is no such endpoint
     */
    public int replayDryRun(ReplaySelection selection) {
        Objects.requireNonNull(selection, "selection");
        existing(selection.endpointId());
        return engine.store().countReplayable(scoped(selection));
    }

    /**
     * Sends again the selected dead and cancelled deliveries, each with a fresh round of attempts,
     * in creation order and paced by {@link RecoveryPolicy#replayRatePerSecond()}: the first is
     * due now, each next one {@code 1 / rate} seconds later, so a large replay is claimed a few at a
     * time behind the fresh work that keeps arriving (and never faster than the rate, across all
     * nodes). Deliveries whose message's payload retention removed are left as they are. The
     * dispatcher is woken if there was any.
     *
     * @param selection the endpoint, optional event type and creation-time range
     * @return how many deliveries were made due again
     * @throws NullPointerException if {@code selection} is null
     * @throws IllegalArgumentException if there is no such endpoint
     */
    public int replay(ReplaySelection selection) {
        Objects.requireNonNull(selection, "selection");
        existing(selection.endpointId());
        Duration spacing = Duration.ofNanos((long) Math.ceil(1e9 / engine.recovery().replayRatePerSecond()));
        int n = engine.store().replay(scoped(selection), engine.clock().instant(), spacing);
        if (n > 0) {
            engine.dispatcher().wake();
        }
        return n;
    }

    /** The selection with this admin's tenant in it: the store selects that tenant's deliveries only. */
    private ReplaySelection scoped(ReplaySelection selection) {
        TenantId t = tenant;
        return t == null || t.equals(selection.tenant()) ? selection : selection.withTenant(t);
    }

    /**
     * Enables an endpoint (again), forgets its failure streak and circuit state, and wakes the
     * dispatcher. Deliveries cancelled while it was disabled stay cancelled: send them again with
     * {@link #replayFailed}. With a static registry the change lives in this process's memory only.
     *
     * @param endpointId the endpoint id
     * @return true if it was found (enabled already or not); false if there is no such endpoint
     * @throws NullPointerException if the id is null
     */
    public boolean enable(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        if (tenant != null && find(endpointId).isEmpty()) {
            return false;
        }
        boolean found = engine.registry().setEnabled(endpointId, true);
        if (found) {
            engine.health().reset(endpointId);
            engine.dispatcher().wake();
        }
        return found;
    }

    /**
     * Disables an endpoint and cancels its pending and retrying deliveries, in that order (an
     * event published meanwhile gets no delivery for it). Attempts under way finish and are
     * recorded; what was claimed but not yet sent is cancelled when its turn comes.
     *
     * <p>{@link io.cactus.webhooks.delivery.DeliveryListener#onEndpointDisabled} is called on this
     * thread before the method returns. Disabling a disabled endpoint cancels and notifies again.
     *
     * @param endpointId the endpoint id
     * @param reason why, for the log and listeners; null for "disabled by hand"
     * @return true if it was found; false if there is no such endpoint (nothing is changed then)
     * @throws NullPointerException if the id is null
     */
    public boolean disable(String endpointId, @Nullable String reason) {
        Objects.requireNonNull(endpointId, "endpointId");
        if (find(endpointId).isEmpty()) {
            return false;
        }
        engine.dispatcher().disable(endpointId, reason == null ? "disabled by hand" : reason, engine.clock().instant());
        return true;
    }

    /**
     * Whether endpoints can be saved, deleted and re-keyed here.
     *
     * @return true if the registry is an {@link EditableEndpointRegistry}; fixed for the instance's life
     */
    public boolean canEditEndpoints() {
        return engine.registry() instanceof EditableEndpointRegistry;
    }

    /**
     * Whether one endpoint can be saved over, deleted and re-keyed here.
     *
     * @param endpointId the endpoint id
     * @return true if {@link #canEditEndpoints()} and the endpoint exists and is not managed by
     *     configuration; as the registry sees it now
     * @throws NullPointerException if the id is null
     */
    public boolean canEditEndpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        return canEditEndpoints() && find(endpointId).map(e -> !e.source().managed()).orElse(false);
    }

    /**
     * Adds an endpoint, or replaces the one with the same id. Its URL is checked against the
     * network policy of the default transport first (with a custom transport it is not checked
     * here). Replacing an enabled endpoint by a disabled one cancels its pending deliveries, as
     * {@link #disable} does; saving an enabled endpoint over a disabled one (or a new one) starts
     * it with a clean health record and wakes the dispatcher. Deliveries already stored keep going
     * to the endpoint under this id, with its new settings; new events are matched against its new
     * filters.
     *
     * @param endpoint the endpoint to store
     * @throws NullPointerException if {@code endpoint} is null
     * @throws io.cactus.webhooks.http.UrlNotAllowedException if the policy refuses its URL; nothing is stored
     * @throws UnsupportedOperationException if the registry cannot be edited
     * @throws ManagedEndpointException if the stored endpoint with this id is managed by
     *     configuration; nothing is stored
     * @throws IllegalArgumentException if {@code endpoint} itself has a source managed by
     *     configuration (configured endpoints come from the configuration only), or the registry
     *     cannot store it as it is (a value too long for a column, for example); in an admin scoped
     *     to a tenant, also if the endpoint names another tenant, or its id is taken by an endpoint
     *     that is not the tenant's (an endpoint without a tenant is stamped with the admin's);
     *     nothing is stored
     */
    public void saveEndpoint(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        TenantId t = tenant;
        if (t != null) {
            TenantId named = endpoint.tenant();
            if (named != null && !named.equals(t)) {
                throw new IllegalArgumentException("endpoint '" + endpoint.id() + "' names tenant " + named
                        + "; this admin is scoped to tenant " + t);
            }
            Endpoint stamped = named != null ? endpoint : endpoint.toBuilder().tenant(t).build();
            if (find(stamped.id()).isEmpty() && engine.registry().find(stamped.id()).isPresent()) {
                throw io.cactus.webhooks.spi.EditableEndpointRegistry.idTaken(stamped.id());
            }
            saveChecked(stamped);
            return;
        }
        saveChecked(endpoint);
    }

    private void saveChecked(Endpoint endpoint) {
        refuseManaged(endpoint.id(), "edited");
        if (endpoint.source().managed()) {
            throw new IllegalArgumentException("endpoint '" + endpoint.id() + "' has the source " + endpoint.source()
                    + ": endpoints managed by configuration are written from the configuration at startup, not saved"
                    + " at runtime");
        }
        EditableEndpointRegistry registry = editable();
        engine.networkPolicy().ifPresent(p -> p.checkUrl(endpoint.url()));
        Optional<Endpoint> previous = registry.find(endpoint.id());
        boolean wasEnabled = previous.map(Endpoint::enabled).orElse(false);
        if (wasEnabled && !endpoint.enabled()) {
            save(registry, endpoint);
            engine.dispatcher().disable(endpoint.id(), "disabled by hand", engine.clock().instant());
            return;
        }
        save(registry, endpoint);
        if (endpoint.enabled() && !wasEnabled) {
            engine.health().reset(endpoint.id());
            engine.dispatcher().wake();
        }
    }

    /** Saves through the registry's tenant check when scoped: it refuses an id another tenant has, in its write. */
    private void save(EditableEndpointRegistry registry, Endpoint endpoint) {
        TenantId t = tenant;
        if (t == null) {
            registry.save(endpoint);
        } else {
            registry.save(t, endpoint);
        }
    }

    /**
     * Removes an endpoint, cancels its pending and retrying deliveries, and forgets its health (an
     * endpoint saved later under this id starts clean). Its delivered history stays readable.
     * Attempts under way finish and are recorded.
     *
     * @param endpointId the endpoint id
     * @return true if it was removed; false if there was no such endpoint (nothing is changed then)
     * @throws NullPointerException if the id is null
     * @throws UnsupportedOperationException if the registry cannot be edited
     * @throws ManagedEndpointException if the endpoint is managed by configuration; nothing is changed
     */
    public boolean deleteEndpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        if (tenant != null && find(endpointId).isEmpty()) {
            return false;
        }
        refuseManaged(endpointId, "deleted");
        EditableEndpointRegistry registry = editable();
        if (!registry.delete(endpointId)) {
            return false;
        }
        engine.store().cancelPending(endpointId, engine.clock().instant());
        engine.health().reset(endpointId); // an endpoint made later under this id starts clean
        return true;
    }

    /**
     * Puts {@code newSecret} first: requests are signed with it and with the secrets the endpoint
     * had, so receivers that still verify with an old one keep working until
     * {@link #retireOldSecrets} drops them. Attempts that start after the call sign with the new
     * secret too.
     *
     * @param endpointId the endpoint id
     * @param newSecret the secret to sign with from now on
     * @return the endpoint as saved, {@code newSecret} first
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if there is no such endpoint or it has the secret already
     * @throws UnsupportedOperationException if the registry cannot be edited
     * @throws ManagedEndpointException if the endpoint is managed by configuration (its secret is
     *     configured); nothing is changed
     */
    public Endpoint rotateSecret(String endpointId, WebhookSecret newSecret) {
        Objects.requireNonNull(newSecret, "newSecret");
        Objects.requireNonNull(endpointId, "endpointId");
        refuseManaged(endpointId, "re-keyed");
        EditableEndpointRegistry registry = editable();
        Endpoint current = existing(endpointId);
        if (current.secrets().contains(newSecret)) {
            throw new IllegalArgumentException("endpoint '" + endpointId + "' has this secret already");
        }
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.add(newSecret);
        secrets.addAll(current.secrets());
        Endpoint rotated = current.toBuilder().secrets(secrets).build();
        save(registry, rotated);
        return rotated;
    }

    /**
     * Drops every secret of the endpoint but the newest, once its receivers verify with that one.
     * An endpoint with one secret is left as it is (nothing is written).
     *
     * @param endpointId the endpoint id
     * @return the endpoint as saved (or as it was, if it had one secret)
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if there is no such endpoint
     * @throws UnsupportedOperationException if the registry cannot be edited
     * @throws ManagedEndpointException if the endpoint is managed by configuration; nothing is changed
     */
    public Endpoint retireOldSecrets(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        refuseManaged(endpointId, "re-keyed");
        EditableEndpointRegistry registry = editable();
        Endpoint current = existing(endpointId);
        if (current.secrets().size() == 1) {
            return current;
        }
        Endpoint retired = current.toBuilder().secrets(List.of(current.secrets().get(0))).build();
        save(registry, retired);
        return retired;
    }

    /**
     * Stores one event for the given endpoints only, whatever their filters: a test event, or a
     * targeted resend. One delivery per distinct id (an id given twice counts once), due at once;
     * the dispatcher is woken. Otherwise as {@link WebhookPublisher#publish(WebhookEvent)}.
     *
     * @param event the event
     * @param endpointIds the endpoints to send it to
     * @return the receipt, listing the endpoints in the order first given
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalArgumentException if the list is null, empty or holds null, or an endpoint does
     *     not exist or is disabled; if an endpoint's tenant is not the event's (a scoped admin
     *     publishes for its tenant, and another tenant's endpoint is "no endpoint" to it); or if the
     *     event names another tenant than a scoped admin's; nothing is stored
     * @throws WebhookException if the event cannot be serialised, is too large
     *     ({@link PayloadTooLargeException}) or cannot be stored; nothing is stored
     */
    public PublishReceipt publishTo(WebhookEvent event, List<String> endpointIds) {
        Objects.requireNonNull(event, "event");
        TenantId t = tenant;
        if (t != null) {
            TenantId named = event.tenant();
            if (named != null && !named.equals(t)) {
                throw new IllegalArgumentException("event " + event.id() + " names tenant " + named
                        + "; this admin is scoped to tenant " + t);
            }
            return engine.publisher().publishTo(named != null ? event : event.toBuilder().tenant(t).build(),
                    endpointIds);
        }
        return engine.publisher().publishTo(event, endpointIds);
    }

    /**
     * Deletes succeeded deliveries finished more than {@code age} ago, with their attempts and the
     * messages left without deliveries; then every message that matched no endpoint whose event
     * timestamp is more than {@code age} ago. Dead and cancelled deliveries are kept.
     * Works without the retention lease, in batches of 5,000 deliveries, each its own transaction
     * (see {@link io.cactus.webhooks.spi.DeliveryStore#purgeSucceeded}); the scheduled retention
     * ({@link Webhooks.Builder#retention}) does this and more by itself.
     *
     * @param age how long ago a delivery must have succeeded to be deleted; zero deletes every one
     *     finished before now
     * @return how many deliveries were deleted
     * @throws NullPointerException if {@code age} is null
     * @throws IllegalArgumentException if {@code age} is negative
     * @throws UnsupportedOperationException if this admin is scoped to a tenant
     */
    public int purgeSucceeded(Duration age) {
        Objects.requireNonNull(age, "age");
        operatorOnly("purgeSucceeded");
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        return engine.store().purgeSucceeded(engine.clock().instant().minus(age));
    }

    /**
     * Runs retention now, on this thread, with the instance's {@link RetentionPolicy} (also when
     * its schedule is {@linkplain RetentionPolicy#enabled() off}): takes the retention lease (or
     * skips, if another node holds it), deletes the deliveries past their window in batches,
     * expunges old payloads, and tells the listeners. Never overlaps a scheduled run of this process.
     *
     * @return what the run did
     * @throws UnsupportedOperationException if the store does not implement retention, or this
     *     admin is scoped to a tenant
     * @throws WebhookStoreException if the store fails; batches committed before stay done
     */
    public RetentionReport runRetention() {
        operatorOnly("runRetention");
        return engine.retention().runOnce();
    }

    private Endpoint existing(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        return find(endpointId).orElseThrow(() -> new IllegalArgumentException("no endpoint '" + endpointId + "'"));
    }

    /**
     * Refuses early, from the registry's view, with the same error the registry gives on the
     * locked row (which stays the authority when another node changed the endpoint meanwhile).
     */
    private void refuseManaged(String endpointId, String action) {
        Optional<Endpoint> current = find(endpointId);
        if (current.isPresent() && current.get().source().managed()) {
            throw new ManagedEndpointException(endpointId, current.get().source(), action);
        }
    }

    private EditableEndpointRegistry editable() {
        if (engine.registry() instanceof EditableEndpointRegistry editable) {
            return editable;
        }
        throw new UnsupportedOperationException("endpoints cannot be edited at runtime: the registry "
                + engine.registry().getClass().getSimpleName() + " is fixed; use an EditableEndpointRegistry"
                + " such as JdbcEndpointRegistry");
    }

    @Override
    public String toString() {
        return "WebhookAdmin[" + engine.registry().getClass().getSimpleName()
                + (tenant == null ? "" : ", tenant=" + tenant) + "]";
    }
}
