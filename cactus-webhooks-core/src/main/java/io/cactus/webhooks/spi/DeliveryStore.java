package io.cactus.webhooks.spi;

import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.internal.StoreArguments;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where messages and their deliveries live, and the source of truth for what is due. Retries are
 * scheduled here (a next-attempt time), never by sleeping, so a delivery waiting ten hours costs
 * one row and survives restarts.
 *
 * <p>Implementations must be thread-safe. Several dispatchers (threads or processes) may claim
 * concurrently; a store that supports that must never hand one delivery to two of them while a
 * lease is live.
 *
 * <p>Life of a delivery: {@link #enqueue} makes it PENDING and due now; {@link #claim} leases it
 * (IN_FLIGHT, due again when the lease ends, so a crashed owner's work comes back by itself) and
 * counts the attempt; {@link #record} stores the attempt and the new state if the lease token
 * still matches; {@link #release} gives a claim back unattempted.
 *
 * <p>Rules every store follows (one contract test runs on each):
 * <ul>
 *   <li><b>Arguments.</b> A null argument, a null list element, one id twice in a list, or a blank
 *       id throws {@link IllegalArgumentException} before anything is read or written; stored data
 *       is left as it was. The SPI records check their own fields when they are built.
 *   <li><b>Times.</b> A delivery's creation time is the store's clock when it is enqueued. Its
 *       finish time (what {@link #purgeSucceeded} compares) is the store's clock when
 *       {@link #record} applies the terminal outcome, or the {@code now} given to
 *       {@link #cancelPending}. A store may keep instants to the microsecond and attempt
 *       durations to the millisecond.
 *   <li><b>Attempts read back</b> hold what the store keeps of an {@link
 *       io.cactus.webhooks.delivery.AttemptOutcome}: no cause and no {@code Retry-After}; error
 *       texts and response excerpts are capped as the outcome caps them.
 *   <li><b>Messages read back</b> (with claims and by {@link #message}) equal the ones enqueued,
 *       {@linkplain WebhookMessage#traceContext() trace context} included; a stored trace
 *       context that is not valid is read back as none rather than failing the read.
 *   <li><b>Failures.</b> A write that fails throws {@link io.cactus.webhooks.WebhookException}
 *       (with the cause) and changes nothing. The library's stores throw its subclass
 *       {@link io.cactus.webhooks.WebhookStoreException}, for reads too.
 *   <li><b>Nulls.</b> Results are never null: a lookup that finds nothing returns an empty
 *       {@link Optional}, a query an empty list.
 * </ul>
 *
 * <p><b>Ordering.</b> A delivery enqueued for one of an {@link OutboundMessage#orderedEndpointIds()
 * ordered endpoint} has that message's ordering key and a place among the key's deliveries to that
 * endpoint, in the order the enqueues committed. {@link #claim} never returns it while an earlier
 * one of its key and endpoint is unfinished (PENDING, IN_FLIGHT, RETRYING or BLOCKED), across every
 * process that shares the store; {@link ClaimedDelivery#orderingKey()} carries the key. A store
 * of an application's own that ignores ordering delivers such messages unordered.
 *
 * <p><b>Retention</b> ({@link #purgeFinished}, {@link #purgeUnreferencedMessages},
 * {@link #expungePayloads}, {@link #oldestFinished} and the retention lease) is optional for a
 * store of an application's own: their defaults throw {@link UnsupportedOperationException}, and
 * then the scheduled purge says so once in the log and stays off. The library's stores implement
 * it, each call one bounded transaction.
 *
 * <p>The dispatcher calls {@link #claim}, {@link #record}, {@link #release},
 * {@link #cancelPending} (when it disables an endpoint), {@link #endpointHealth()} and the
 * retention methods from its own threads; the publisher calls {@link #enqueue} on the publishing thread;
 * {@link io.cactus.webhooks.WebhookReader} and {@link io.cactus.webhooks.WebhookAdmin} call the
 * rest, and {@link #cancelPending}, on their callers' threads.
 */
public interface DeliveryStore {

    /**
     * Stores messages (payload once each) and one PENDING delivery per endpoint, due now, in one
     * write: all or nothing. An empty list does nothing. The deliveries' ids and creation times
     * come from the store.
     *
     * @param messages the messages with their endpoints; a message without endpoints is stored
     *     without deliveries
     * @throws IllegalArgumentException if the list or an element is null or two messages share an id
     * @throws io.cactus.webhooks.WebhookException if a message id is already stored or the write
     *     fails; nothing is stored then
     */
    void enqueue(List<OutboundMessage> messages);

    /**
     * Stores like {@link #enqueue}, except each message with an {@link OutboundMessage#idempotency()
     * idempotency claim} whose key is already stored and live (its expiry after the claim's
     * {@code claimedAt}): that message is not stored, and its receipt is the one stored with the key
     * ({@link io.cactus.webhooks.PublishOutcome#DUPLICATE}). A key that is stored but expired is
     * taken over by the new message. Keys are unique per store: of publishes of one key that race,
     * on any number of nodes, exactly one stores its message, and the others get its receipt.
     * All or nothing, as {@link #enqueue}.
     *
     * <p>The default stores messages without a claim through {@link #enqueue} and refuses a list
     * that holds a claim: a store of an application's own keeps working for events without a key.
     *
     * @param messages the messages with their endpoints and optional claims
     * @return one receipt per message, in the order given: {@link io.cactus.webhooks.PublishOutcome#STORED}
     *     with the message's own id and endpoints, or the first publish's receipt
     * @throws IllegalArgumentException as {@link #enqueue}, or if two messages share a key
     * @throws UnsupportedOperationException from the default, if a message has a claim
     * @throws io.cactus.webhooks.WebhookException if the write fails; nothing is stored then
     */
    default List<io.cactus.webhooks.PublishReceipt> enqueueIdempotent(List<OutboundMessage> messages) {
        StoreArguments.checkMessages(messages);
        for (OutboundMessage m : messages) {
            if (m.idempotency() != null) {
                throw new UnsupportedOperationException(getClass().getName()
                        + " does not store idempotency keys; publish without one or use a library store");
            }
        }
        enqueue(messages);
        return messages.stream().map(OutboundMessage::storedReceipt).toList();
    }

    /**
     * Deletes up to {@code limit} idempotency keys whose window ended at or before {@code now},
     * oldest expiry first, in one transaction (retention; the JDBC store walks the expiry index).
     * The messages stored under them stay; a publish of such a key afterwards stores a new message.
     * The default deletes nothing: a store that keeps no keys has none to delete.
     *
     * @param now the bound on expiry, inclusive
     * @param limit the most keys to delete, at least 1
     * @return how many were deleted; fewer than {@code limit} means none is left to delete
     * @throws IllegalArgumentException if {@code now} is null or {@code limit} is below 1
     */
    default int purgeExpiredIdempotencyKeys(Instant now, int limit) {
        StoreArguments.requireNonNull(now, "now");
        StoreArguments.requireLimit(limit);
        return 0;
    }

    /**
     * Leases up to {@code request.limit()} due deliveries, oldest due first: those PENDING,
     * RETRYING or IN_FLIGHT (a lease that ended) whose due time is at or before
     * {@code request.now()}, except those of the excluded endpoints. Each one claimed becomes
     * IN_FLIGHT, due again at {@code request.leaseUntil()}, with its attempt count raised by one
     * and a new lease token. Concurrent claims, from this process or another one sharing the store,
     * never return one delivery twice while its lease is live.
     *
     * @param request how many, for whom, and until when
     * @return the claimed deliveries, at most {@code request.limit()}; empty if none is due
     * @throws IllegalArgumentException if {@code request} is null
     * @throws io.cactus.webhooks.WebhookException if the store fails; nothing is claimed then
     */
    List<ClaimedDelivery> claim(ClaimRequest request);

    /**
     * Stores attempts and their outcomes, all in one write. A record whose lease token no longer
     * matches (the lease expired and someone else claimed the delivery, or the record was already
     * applied) is ignored: neither its attempt nor its state is written. An applied record clears
     * the lease; a terminal status sets the finish time, RETRYING makes the delivery due at
     * {@link AttemptRecord#nextAttemptAt()}.
     *
     * @param records the outcomes, at most one per delivery; an empty list does nothing
     * @return the records that were applied (the same instances, in the given order); only these
     *     may be reported as done to listeners, metrics and endpoint health
     * @throws IllegalArgumentException if the list or an element is null, or two records are of one delivery
     * @throws io.cactus.webhooks.WebhookException if the write fails; then nothing was applied
     */
    List<AttemptRecord> record(List<AttemptRecord> records);

    /**
     * Gives claims back without an attempt: due at {@code now}, attempt count restored (PENDING
     * again if it was the first attempt, else RETRYING), lease cleared. A claim whose lease token
     * no longer matches is skipped. The dispatcher calls it when it stops or an endpoint pauses.
     *
     * @param claims the claims to give back; an empty list does nothing
     * @param now when they are due again
     * @throws IllegalArgumentException if an argument or element is null, or two claims are of one delivery
     * @throws io.cactus.webhooks.WebhookException if the write fails; then nothing was given back
     */
    void release(List<ClaimedDelivery> claims, Instant now);

    /**
     * One delivery by id.
     *
     * @param deliveryId the delivery id
     * @return a snapshot of the delivery, or empty if there is none
     * @throws IllegalArgumentException if the id is null or blank
     */
    Optional<Delivery> find(String deliveryId);

    /**
     * The deliveries matching {@code query}, newest first (creation time, then delivery id, both
     * descending), skipping {@link DeliveryQuery#offset()} and returning at most
     * {@link DeliveryQuery#limit()}. A null filter of the query matches everything.
     *
     * @param query the filter and page
     * @return snapshots of the matching deliveries; empty if none match
     * @throws IllegalArgumentException if {@code query} is null
     */
    List<Delivery> query(DeliveryQuery query);

    /**
     * How many deliveries match {@code query}; its offset and limit are ignored.
     *
     * @param query the filter
     * @return the number of matching deliveries, at least 0
     * @throws IllegalArgumentException if {@code query} is null
     */
    long count(DeliveryQuery query);

    /**
     * The attempts of one delivery, every round's, oldest first, as the store keeps them (see
     * <b>Attempts read back</b> above).
     *
     * @param deliveryId the delivery id
     * @return its attempts; empty for an unknown id
     * @throws IllegalArgumentException if the id is null or blank
     */
    List<DeliveryAttempt> attempts(String deliveryId);

    /**
     * The attempts of many deliveries. A store should read them in one query (or a few, for very
     * many ids); this default asks {@link #attempts(String)} once per id.
     *
     * @param deliveryIds the delivery ids; an id given twice has one entry
     * @return a map with one entry per distinct id given, in the order given: its attempts oldest
     *     first, an empty list for an unknown id
     * @throws IllegalArgumentException if the collection or an id is null or blank
     */
    default Map<String, List<DeliveryAttempt>> attempts(Collection<String> deliveryIds) {
        Map<String, List<DeliveryAttempt>> result = StoreArguments.attemptsByDelivery(deliveryIds);
        for (String id : result.keySet()) {
            result.put(id, attempts(id));
        }
        return result;
    }

    /**
     * A stored message, with the exact bytes given to {@link #enqueue}.
     *
     * @param messageId the message id
     * @return the message, or empty if there is none (never stored, or purged)
     * @throws IllegalArgumentException if the id is null or blank
     */
    Optional<WebhookMessage> message(String messageId);

    /**
     * Makes a delivery due again at {@code now} with a fresh round of attempts, whatever its
     * status (except IN_FLIGHT, which is left alone): PENDING, attempt count 0, no finish time.
     * Its attempts stay. An ordered delivery (see <b>Ordering</b> above) that was BLOCKED keeps its
     * place, first of its key; one that had finished takes a new place after every delivery of its
     * key stored so far.
     *
     * @param deliveryId the delivery id
     * @param now when it is due
     * @return true if it was made due; false if there is no such delivery or it is in flight
     * @throws IllegalArgumentException if an argument is null or the id blank
     * @throws io.cactus.webhooks.PayloadExpungedException if retention removed its message's payload
     *     (nothing is changed then)
     */
    boolean redeliver(String deliveryId, Instant now);

    /**
     * Makes every DEAD or CANCELLED delivery of the endpoint created at or after {@code since}
     * due again at {@code now}, with a fresh round (as {@link #redeliver}); those whose message's
     * payload retention removed are left as they are. Ordered ones take new places after every
     * delivery of their key stored so far, among themselves in their old order.
     *
     * @param endpointId the endpoint id
     * @param since the earliest creation time included
     * @param now when they are due
     * @return how many deliveries were made due
     * @throws IllegalArgumentException if an argument is null or the id blank
     */
    int replayFailed(String endpointId, Instant since, Instant now);

    /**
     * Makes a BLOCKED delivery DEAD (finished at {@code now}), so that the next delivery of its
     * ordering key to its endpoint may go. Any other delivery is left alone.
     *
     * @param deliveryId the delivery id
     * @param now its finish time
     * @return true if it was BLOCKED and is DEAD now; false otherwise
     * @throws IllegalArgumentException if an argument is null or the id blank
     * @throws UnsupportedOperationException if the store has no ordered delivery (the default)
     */
    default boolean skipBlocked(String deliveryId, Instant now) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no ordered delivery");
    }

    /**
     * How many deliveries {@link #replay} would make due now (a dry run): changes nothing.
     *
     * @param selection which deliveries
     * @return the count of selected deliveries whose payload is still there
     * @throws IllegalArgumentException if {@code selection} is null
     */
    int countReplayable(ReplaySelection selection);

    /**
     * Makes the selected deliveries due again with a fresh round (as {@link #redeliver}), paced:
     * in creation order, the first at {@code firstDue}, each next one {@code spacing} later, so
     * that claims take them a few at a time behind fresh work. Those whose message's payload
     * retention removed are left as they are. Atomic on a JDBC store (one transaction).
     *
     * @param selection which deliveries
     * @param firstDue when the first is due
     * @param spacing the gap in due time between two replayed deliveries; zero or positive
     * @return how many deliveries were made due
     * @throws IllegalArgumentException if an argument is null or {@code spacing} negative
     */
    int replay(ReplaySelection selection, Instant firstDue, Duration spacing);

    /**
     * Cancels the endpoint's PENDING and RETRYING deliveries (its endpoint was disabled); in-flight
     * ones are left to their record. Each cancelled one gets {@code now} as its finish time.
     *
     * @param endpointId the endpoint id
     * @param now the finish time of the cancelled deliveries
     * @return how many deliveries were cancelled
     * @throws IllegalArgumentException if an argument is null or the id blank
     */
    int cancelPending(String endpointId, Instant now);

    /**
     * Deletes SUCCEEDED deliveries finished before {@code before} and their attempts, with each
     * message that no delivery refers to any more then, and every message that matched no endpoint
     * whose timestamp is before {@code before}. The default does it with
     * {@link #purgeFinished} and {@link #purgeUnreferencedMessages} in batches of 5,000, each its
     * own transaction.
     *
     * @param before the bound on finish times and message timestamps, exclusive
     * @return how many deliveries were deleted
     * @throws IllegalArgumentException if {@code before} is null
     * @throws UnsupportedOperationException if the store has no batched purge
     */
    default int purgeSucceeded(Instant before) {
        StoreArguments.requireNonNull(before, "before");
        int total = 0;
        int batch = 5_000;
        PurgedRows rows;
        do {
            rows = purgeFinished(DeliveryStatus.SUCCEEDED, before, batch);
            total += rows.deliveries();
        } while (rows.deliveries() == batch);
        while (purgeUnreferencedMessages(RETENTION_EPOCH, before, batch) == batch) {
            // until a batch finds fewer than it may take
        }
        return total;
    }

    /** The earliest instant the library ever stores: the lower bound of a sweep from the start. */
    Instant RETENTION_EPOCH = Instant.parse("1900-01-01T00:00:00Z");

    /**
     * Deletes one batch of finished deliveries for retention, in one transaction: up to
     * {@code limit} deliveries in {@code status} that finished before {@code finishedBefore}, oldest
     * finish first, with their attempts; then each of their messages that no delivery refers to any
     * more. A delivery made due again meanwhile (redelivered) is not deleted. Must not block claims
     * of due deliveries nor be blocked by them for long, and its cost should be the batch's, not the
     * history's (the JDBC store walks the {@code (status, finished_at)} index).
     *
     * @param status SUCCEEDED, DEAD or CANCELLED
     * @param finishedBefore the bound on finish times, exclusive
     * @param limit the most deliveries to delete, at least 1
     * @return what was deleted; fewer deliveries than {@code limit} means none is left to delete
     * @throws IllegalArgumentException if an argument is null, {@code status} is not terminal or
     *     {@code limit} is below 1
     * @throws UnsupportedOperationException if the store has no retention (the default)
     * @throws io.cactus.webhooks.WebhookException if the store fails; nothing of the batch is deleted then
     */
    default PurgedRows purgeFinished(DeliveryStatus status, Instant finishedBefore, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement retention");
    }

    /**
     * Deletes up to {@code limit} messages that no delivery refers to (they matched no endpoint)
     * and whose timestamp is at or after {@code from} and before {@code before}, in one transaction.
     *
     * @param from the lower bound on message timestamps, inclusive (a sweep remembers where it
     *     ended; {@link #RETENTION_EPOCH} for all)
     * @param before the upper bound on message timestamps, exclusive
     * @param limit the most messages to delete, at least 1
     * @return how many were deleted; fewer than {@code limit} means none is left in the range
     * @throws IllegalArgumentException if an argument is null or {@code limit} is below 1
     * @throws UnsupportedOperationException if the store has no retention (the default)
     */
    default int purgeUnreferencedMessages(Instant from, Instant before, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement retention");
    }

    /**
     * Removes the payloads of up to {@code limit} messages, oldest first, whose deliveries have all
     * finished before {@code finishedBefore} (a message with a delivery pending, retrying, in
     * flight or finished since keeps its payload), in one transaction. The messages, deliveries and
     * attempts stay; {@link #message} reads such a message back
     * {@linkplain WebhookMessage#isPayloadExpunged() expunged} at {@code now}, and
     * {@link #redeliver} refuses its deliveries.
     *
     * @param finishedBefore the bound on the finish times of all of a message's deliveries, exclusive
     * @param now the expunge time recorded
     * @param limit the most messages to expunge, at least 1
     * @return how many payloads were removed; fewer than {@code limit} means none is left
     * @throws IllegalArgumentException if an argument is null or {@code limit} is below 1
     * @throws UnsupportedOperationException if the store has no retention (the default)
     */
    default int expungePayloads(Instant finishedBefore, Instant now, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement retention");
    }

    /**
     * The finish time of the oldest delivery kept that ended in {@code status}: how far back
     * retention has got. Cheap (an index's first entry).
     *
     * @param status SUCCEEDED, DEAD or CANCELLED
     * @return the finish time, or empty if there is no such delivery
     * @throws IllegalArgumentException if {@code status} is null or not terminal
     * @throws UnsupportedOperationException if the store has no retention (the default)
     */
    default Optional<Instant> oldestFinished(DeliveryStatus status) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement retention");
    }

    /**
     * Takes or renews the retention lease for {@code owner} until {@code until}: succeeds if no
     * one holds it, if {@code owner} holds it, or if the holder's lease ended at or before
     * {@code now}. So that one node of those sharing a store purges at a time. The default (a
     * store no other process shares) always succeeds.
     *
     * @param owner the node asking, 1 to 200 characters
     * @param now the caller's time
     * @param until when the lease ends unless renewed, after {@code now}
     * @return true if {@code owner} holds the lease until {@code until}
     * @throws IllegalArgumentException if an argument is null or the owner blank
     */
    default boolean acquireRetentionLease(String owner, Instant now, Instant until) {
        return true;
    }

    /**
     * Gives the retention lease back if {@code owner} holds it, so that another node may take it at
     * once; otherwise does nothing.
     *
     * @param owner the node that holds it
     * @throws IllegalArgumentException if the owner is null or blank
     */
    default void releaseRetentionLease(String owner) {
    }

    /**
     * The work not yet done: the deliveries that have a due time (pending, retrying, in flight).
     * Its cost should be the backlog's, not the finished history's.
     *
     * @return how many, and the oldest one's creation time
     */
    Backlog backlog();

    // --- tenants (issue 15): lookups scoped to one tenant. A delivery or message of another tenant
    // (or of none) is not found, exactly like an unknown id. The defaults find, then check the
    // tenant, for a store of an application's own; the library's stores put the tenant in the
    // statement (tenant_id = ?), so nothing of another tenant is read.

    /**
     * One delivery of {@code tenant} by id.
     *
     * @param tenant the tenant
     * @param deliveryId the delivery id
     * @return the delivery, or empty if there is none of this tenant with this id
     * @throws IllegalArgumentException if an argument is null or the id blank
     */
    default Optional<Delivery> find(TenantId tenant, String deliveryId) {
        StoreArguments.requireNonNull(tenant, "tenant");
        return find(deliveryId).filter(d -> tenant.equals(d.tenant()));
    }

    /**
     * The attempts of one delivery of {@code tenant}, as {@link #attempts(String)}.
     *
     * @param tenant the tenant
     * @param deliveryId the delivery id
     * @return its attempts; empty for an unknown id or a delivery of another tenant
     * @throws IllegalArgumentException if an argument is null or the id blank
     */
    default List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId) {
        return find(tenant, deliveryId).isPresent() ? attempts(deliveryId) : List.of();
    }

    /**
     * The attempts of many deliveries of {@code tenant}, as {@link #attempts(Collection)}.
     *
     * @param tenant the tenant
     * @param deliveryIds the delivery ids; an id given twice has one entry
     * @return one entry per distinct id given, in the order given; an empty list for an unknown id
     *     or a delivery of another tenant
     * @throws IllegalArgumentException if an argument is null or an id null or blank
     */
    default Map<String, List<DeliveryAttempt>> attempts(TenantId tenant, Collection<String> deliveryIds) {
        StoreArguments.requireNonNull(tenant, "tenant");
        Map<String, List<DeliveryAttempt>> result = StoreArguments.attemptsByDelivery(deliveryIds);
        for (String id : result.keySet()) {
            result.put(id, attempts(tenant, id));
        }
        return result;
    }

    /**
     * A stored message of {@code tenant}, as {@link #message(String)}.
     *
     * @param tenant the tenant
     * @param messageId the message id
     * @return the message, or empty if there is none of this tenant with this id
     * @throws IllegalArgumentException if an argument is null or the id blank
     */
    default Optional<WebhookMessage> message(TenantId tenant, String messageId) {
        StoreArguments.requireNonNull(tenant, "tenant");
        return message(messageId).filter(m -> tenant.equals(m.tenant()));
    }

    /**
     * Makes a delivery of {@code tenant} due again, as {@link #redeliver(String, Instant)}.
     *
     * @param tenant the tenant
     * @param deliveryId the delivery id
     * @param now when it is due
     * @return true if it was made due; false if there is no such delivery of this tenant or it is
     *     in flight (a delivery of another tenant is left as it is)
     * @throws IllegalArgumentException if an argument is null or the id blank
     * @throws io.cactus.webhooks.PayloadExpungedException as {@link #redeliver(String, Instant)}
     */
    default boolean redeliver(TenantId tenant, String deliveryId, Instant now) {
        return find(tenant, deliveryId).isPresent() && redeliver(deliveryId, now);
    }

    /**
     * Skips a BLOCKED delivery of {@code tenant}, as {@link #skipBlocked(String, Instant)}.
     *
     * @param tenant the tenant
     * @param deliveryId the delivery id
     * @param now its finish time
     * @return true if it was BLOCKED and is DEAD now; false otherwise (a delivery of another
     *     tenant is left as it is)
     * @throws IllegalArgumentException if an argument is null or the id blank
     * @throws UnsupportedOperationException if the store has no ordered delivery
     */
    default boolean skipBlocked(TenantId tenant, String deliveryId, Instant now) {
        return find(tenant, deliveryId).isPresent() && skipBlocked(deliveryId, now);
    }

    /**
     * The work not yet done of {@code tenant}: its deliveries pending, retrying or in flight. The
     * default counts with {@link #count} and finds the oldest with {@link #query}, both with the
     * tenant in the query.
     *
     * @param tenant the tenant
     * @return how many, and the oldest one's creation time
     * @throws IllegalArgumentException if {@code tenant} is null
     */
    default Backlog backlog(TenantId tenant) {
        StoreArguments.requireNonNull(tenant, "tenant");
        long pending = 0;
        @Nullable Instant oldest = null;
        for (DeliveryStatus status : List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING,
                DeliveryStatus.IN_FLIGHT)) {
            DeliveryQuery q = DeliveryQuery.builder().tenant(tenant).status(status).build();
            long n = count(q);
            if (n == 0) {
                continue;
            }
            pending += n;
            long last = n - 1;
            List<Delivery> page = query(q.page((int) Math.min(last, Integer.MAX_VALUE), 1));
            if (!page.isEmpty() && (oldest == null || page.get(0).createdAt().isBefore(oldest))) {
                oldest = page.get(0).createdAt();
            }
        }
        return new Backlog(pending, oldest);
    }

    /**
     * Where this store keeps endpoints' circuit states: durable and shared for a store that
     * several processes share, in memory otherwise.
     *
     * @return the same instance on every call
     */
    EndpointHealthStore endpointHealth();
}
