package io.cactus.webhooks.spi;

import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.internal.StoreArguments;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 *       (with the cause) and changes nothing.
 * </ul>
 */
public interface DeliveryStore {

    /**
     * Stores messages (payload once each) and one PENDING delivery per endpoint, due now, in one
     * write: all or nothing. An empty list does nothing.
     *
     * @throws IllegalArgumentException if the list or an element is null or two messages share an id
     * @throws io.cactus.webhooks.WebhookException if a message id is already stored or the write
     *     fails; nothing is stored then
     */
    void enqueue(List<OutboundMessage> messages);

    /** Leases up to {@code request.limit()} due deliveries, oldest due first. */
    List<ClaimedDelivery> claim(ClaimRequest request);

    /**
     * Stores attempts and their outcomes, all in one write. A record whose lease token no longer
     * matches (the lease expired and someone else claimed the delivery, or the record was already
     * applied) is ignored: neither its attempt nor its state is written.
     *
     * @return the records that were applied (the same instances, in the given order); only these
     *     may be reported as done to listeners, metrics and endpoint health
     * @throws IllegalArgumentException if the list or an element is null, or two records are of one delivery
     * @throws io.cactus.webhooks.WebhookException if the write fails; then nothing was applied
     */
    List<AttemptRecord> record(List<AttemptRecord> records);

    /**
     * Gives claims back without an attempt: due at {@code now}, attempt count restored. A claim
     * whose lease token no longer matches is skipped.
     *
     * @throws IllegalArgumentException if an argument or element is null, or two claims are of one delivery
     */
    void release(List<ClaimedDelivery> claims, Instant now);

    Optional<Delivery> find(String deliveryId);

    /** The deliveries matching {@code query}, newest first (creation time, then delivery id, both descending). */
    List<Delivery> query(DeliveryQuery query);

    /** How many deliveries match {@code query}; its offset and limit are ignored. */
    long count(DeliveryQuery query);

    /** The attempts of one delivery, oldest first; empty for an unknown id. */
    List<DeliveryAttempt> attempts(String deliveryId);

    /**
     * The attempts of many deliveries. A store should read them in one query (or a few, for very
     * many ids); this default asks {@link #attempts(String)} once per id.
     *
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

    Optional<WebhookMessage> message(String messageId);

    /**
     * Makes a delivery due again at {@code now} with a fresh round of attempts, whatever its
     * status (except IN_FLIGHT, which is left alone).
     *
     * @return false if there is no such delivery or it is in flight
     */
    boolean redeliver(String deliveryId, Instant now);

    /**
     * Makes every DEAD or CANCELLED delivery of the endpoint created at or after {@code since}
     * due again at {@code now}, with a fresh round.
     *
     * @return how many
     */
    int replayFailed(String endpointId, Instant since, Instant now);

    /**
     * Cancels the endpoint's PENDING and RETRYING deliveries (its endpoint was disabled); in-flight
     * ones are left to their record.
     *
     * @return how many
     */
    int cancelPending(String endpointId, Instant now);

    /**
     * Deletes SUCCEEDED deliveries finished before {@code before} and their attempts, then every
     * message that no delivery refers to any more and whose timestamp is before {@code before}
     * (this also frees messages that matched no endpoint).
     *
     * @return how many deliveries were deleted
     */
    int purgeSucceeded(Instant before);

    Backlog backlog();

    /**
     * Where this store keeps endpoints' circuit states: durable and shared for a store that
     * several processes share, in memory otherwise. The same instance on every call.
     */
    EndpointHealthStore endpointHealth();
}
