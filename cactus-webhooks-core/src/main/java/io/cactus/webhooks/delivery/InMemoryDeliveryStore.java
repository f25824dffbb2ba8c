package io.cactus.webhooks.delivery;

import static io.cactus.webhooks.internal.StoreArguments.requireId;
import static io.cactus.webhooks.internal.StoreArguments.requireNonNull;

import io.cactus.webhooks.PayloadExpungedException;
import io.cactus.webhooks.WebhookStoreException;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.internal.InMemoryEndpointHealthStore;
import io.cactus.webhooks.internal.StoreArguments;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.IdempotencyClaim;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.spi.PurgedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeliveryStore} in this process's memory: for tests and for single-process use where
 * losing pending webhooks on a restart is acceptable. <strong>Not durable.</strong>
 *
 * <p>Follows every rule of the {@link DeliveryStore} contract as the JDBC store does (the same
 * contract test runs on both); instants and durations are kept as given, at full precision.
 *
 * <p>Thread-safe (one lock). Attempt logs are kept for every delivery until purged. Retention
 * works as on the JDBC store; its batches scan every delivery, which suits the sizes a store in
 * memory holds.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {

    /** Orders the due index, and (by creation time) the query order. */
    private record Key(Instant at, String deliveryId) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::at).thenComparing(Key::deliveryId);

    private static final class Row {
        final String id;
        final String messageId;
        final String endpointId;
        final Instant createdAt;
        DeliveryStatus status = DeliveryStatus.PENDING;
        int attempts;
        @Nullable Instant dueAt;
        @Nullable String leaseToken;
        @Nullable Instant lastAttemptAt;
        @Nullable Instant finishedAt;
        @Nullable Integer lastStatusCode;
        @Nullable String lastError;
        final List<DeliveryAttempt> log = new ArrayList<>(1);
        /** Set for an ordered delivery: its endpoint and key. */
        @Nullable OrderKey orderKey;
        /** Its place among the deliveries of {@link #orderKey}. */
        long seq;

        Row(String id, String messageId, String endpointId, Instant createdAt) {
            this.id = id;
            this.messageId = messageId;
            this.endpointId = endpointId;
            this.createdAt = createdAt;
        }
    }

    /** A message and how many deliveries still refer to it. */
    private static final class Stored {
        WebhookMessage message;
        int refs;

        Stored(WebhookMessage message, int refs) {
            this.message = message;
            this.refs = refs;
        }
    }

    private record KeyRow(PublishReceipt receipt, Instant expiresAt) {
    }

    /** An endpoint and an ordering key. */
    private record OrderKey(String endpointId, String key) {
    }

    /** Per endpoint and key, the last place handed out. */
    private final Map<OrderKey, Long> lastPlace = new HashMap<>();
    /** Per endpoint and key, its unfinished deliveries by place: the first one is the only one claimable. */
    private final Map<OrderKey, TreeMap<Long, Row>> open = new HashMap<>();

    /** Later than any creation time this store gives, the open end of {@link #replayFailed}'s range. */
    private static final Instant NO_LATER = Instant.parse("9999-12-31T00:00:00Z");

    private final Clock clock;
    /** Delivery ids, timed by this store's clock like the rows' creation times. */
    private final Ulid deliveryIds;
    private final EndpointHealthStore endpointHealth = new InMemoryEndpointHealthStore();
    private final Map<String, Stored> messages = new HashMap<>();
    /** Messages that matched no endpoint: freed by {@link #purgeUnreferencedMessages} once old enough. */
    private final Set<String> orphans = new LinkedHashSet<>();
    private final Map<String, Row> deliveries = new HashMap<>();
    private final TreeMap<Key, Row> byCreation = new TreeMap<>(ORDER);
    private final TreeMap<Key, Row> due = new TreeMap<>(ORDER);
    /** The due index of each endpoint with due work: what a claim by endpoint reads. */
    private final Map<String, TreeMap<Key, Row>> dueByEndpoint = new HashMap<>();
    /** Idempotency keys: the receipt stored under each, and the end of its window. */
    private final Map<String, KeyRow> keys = new HashMap<>();
    private @Nullable String leaseOwner;
    private Instant leaseUntil = Instant.MIN;

    /** A store on the system UTC clock. */
    public InMemoryDeliveryStore() {
        this(Clock.systemUTC());
    }

    /**
     * A store on {@code clock}.
     *
     * @param clock stamps creation and finish times, and times the delivery ids
     * @throws IllegalArgumentException if the clock is null
     */
    public InMemoryDeliveryStore(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        this.deliveryIds = new Ulid(clock);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A message with an idempotency claim is stored as {@link #enqueueIdempotent} stores it.
     *
     * @throws WebhookStoreException if a message id is already stored (nothing is stored then)
     */
    @Override
    public synchronized void enqueue(List<OutboundMessage> batch) {
        enqueueIdempotent(batch);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Keys are kept in this store's memory under its one lock, so they hold for this instance
     * only (not across restarts or processes).
     *
     * @throws WebhookStoreException if a message id is already stored (nothing is stored then)
     */
    @Override
    public synchronized List<PublishReceipt> enqueueIdempotent(List<OutboundMessage> batch) {
        StoreArguments.checkMessages(batch);
        List<PublishReceipt> receipts = new ArrayList<>(batch.size());
        List<OutboundMessage> toStore = new ArrayList<>(batch.size());
        for (OutboundMessage m : batch) {
            IdempotencyClaim claim = m.idempotency();
            KeyRow held = claim == null ? null : keys.get(claim.key().value());
            if (claim != null && held != null && claim.isLive(held.expiresAt)) {
                receipts.add(held.receipt.asDuplicate());
                continue;
            }
            if (messages.containsKey(m.message().id())) {
                throw new WebhookStoreException("could not enqueue " + batch.size() + " message(s): message id "
                        + m.message().id() + " is already stored");
            }
            toStore.add(m);
            receipts.add(m.storedReceipt());
        }
        Instant now = clock.instant();
        for (OutboundMessage m : toStore) {
            IdempotencyClaim claim = m.idempotency();
            if (claim != null) {
                keys.put(claim.key().value(), new KeyRow(m.storedReceipt(), claim.expiresAt()));
            }
            String messageId = m.message().id();
            messages.put(messageId, new Stored(m.message(), m.endpointIds().size()));
            if (m.endpointIds().isEmpty()) {
                orphans.add(messageId);
            }
            for (String endpointId : m.endpointIds()) {
                Row row = new Row("dlv_" + deliveryIds.next(), messageId, endpointId, now);
                String key = m.orderingKey();
                if (key != null && m.orderedEndpointIds().contains(endpointId)) {
                    row.orderKey = new OrderKey(endpointId, key);
                    takePlace(row);
                }
                deliveries.put(row.id, row);
                byCreation.put(new Key(row.createdAt, row.id), row);
                setDue(row, now);
            }
        }
        return receipts;
    }

    /** {@inheritDoc} Scans the keys kept, which suits the sizes a store in memory holds. */
    @Override
    public synchronized int purgeExpiredIdempotencyKeys(Instant now, int limit) {
        requireNonNull(now, "now");
        StoreArguments.requireLimit(limit);
        List<Map.Entry<String, KeyRow>> expired = new ArrayList<>();
        for (Map.Entry<String, KeyRow> e : keys.entrySet()) {
            if (!e.getValue().expiresAt.isAfter(now)) {
                expired.add(e);
            }
        }
        expired.sort(Comparator.comparing(e -> e.getValue().expiresAt));
        int n = Math.min(limit, expired.size());
        for (int i = 0; i < n; i++) {
            keys.remove(expired.get(i).getKey());
        }
        return n;
    }

    @Override
    public synchronized List<ClaimedDelivery> claim(ClaimRequest request) {
        requireNonNull(request, "request");
        List<Row> taken = new ArrayList<>();
        Map<String, Integer> quotas = request.claimableQuotas();
        boolean byEndpoint = !request.quotas().isEmpty();
        Set<String> fresh = request.freshFirstClaimable();
        if (byEndpoint) {
            fresh.retainAll(quotas.keySet()); // by endpoint: only the endpoints named
        }
        Key after = new Key(request.now().plusNanos(1), "");
        if (!fresh.isEmpty() && request.freshLimit() > 0) {
            // newest due first attempts of these endpoints, before the oldest due work
            List<Row> candidates = new ArrayList<>();
            Map<String, List<Row>> freshByEndpoint = new java.util.LinkedHashMap<>();
            for (String endpointId : fresh) {
                TreeMap<Key, Row> own = dueByEndpoint.get(endpointId);
                if (own == null) {
                    continue;
                }
                List<Row> newest = new ArrayList<>();
                for (Row row : own.headMap(after, false).descendingMap().values()) {
                    if (newest.size() == request.freshLimit()) {
                        break;
                    }
                    if (row.attempts == 0 && isFirstOfKey(row)) {
                        newest.add(row);
                    }
                }
                candidates.addAll(newest);
                freshByEndpoint.put(endpointId, newest);
            }
            if (request.tenants().isEmpty()) {
                candidates.sort(Comparator.comparing((Row r) -> java.util.Objects.requireNonNull(r.dueAt)).reversed());
                take(candidates.subList(0, Math.min(request.freshLimit(), candidates.size())), taken);
            } else { // each endpoint's newest first, in turns across tenants
                take(request.inTurns(freshByEndpoint, Map.of(), request.freshLimit()), taken);
            }
        }
        if (byEndpoint) {
            Map<String, Integer> left = new java.util.LinkedHashMap<>(quotas);
            Map<String, Integer> takenBy = new java.util.HashMap<>();
            for (Row row : taken) {
                left.computeIfPresent(row.endpointId, (id, n) -> n > 1 ? n - 1 : null);
                takenBy.merge(row.endpointId, 1, Integer::sum);
            }
            Map<String, List<Row>> perEndpoint = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : left.entrySet()) {
                TreeMap<Key, Row> own = dueByEndpoint.get(e.getKey());
                if (own == null) {
                    continue;
                }
                List<Row> rows = new ArrayList<>();
                for (Row row : own.headMap(after, false).values()) {
                    if (rows.size() == e.getValue()) {
                        break;
                    }
                    if (isFirstOfKey(row)) {
                        rows.add(row);
                    }
                }
                perEndpoint.put(e.getKey(), rows);
            }
            // In turns across the endpoints when the limit cuts them (across tenants first, when named).
            take(request.inTurns(perEndpoint, takenBy, request.limit() - taken.size()), taken);
        } else {
            List<Row> oldest = new ArrayList<>();
            for (Row row : due.headMap(after, false).values()) {
                if (taken.size() + oldest.size() == request.limit()) {
                    break;
                }
                if (!request.excludedEndpoints().contains(row.endpointId) && isFirstOfKey(row)) {
                    oldest.add(row);
                }
            }
            take(oldest, taken);
        }
        List<ClaimedDelivery> claimed = new ArrayList<>(taken.size());
        for (Row row : taken) {
            row.status = DeliveryStatus.IN_FLIGHT;
            row.attempts++;
            row.leaseToken = UUID.randomUUID().toString();
            setDue(row, request.leaseUntil());
            claimed.add(new ClaimedDelivery(row.id, row.endpointId, stored(row.messageId).message, row.attempts,
                    row.leaseToken, row.createdAt, row.orderKey == null ? null : row.orderKey.key()));
        }
        return claimed;
    }

    @Override
    public synchronized List<AttemptRecord> record(List<AttemptRecord> records) {
        StoreArguments.checkRecords(records);
        Instant now = clock.instant();
        List<AttemptRecord> applied = new ArrayList<>(records.size());
        for (AttemptRecord r : records) {
            Row row = deliveries.get(r.claim().deliveryId());
            if (row == null || !r.claim().leaseToken().equals(row.leaseToken)) {
                continue;
            }
            applied.add(r);
            DeliveryAttempt a = r.attempt();
            row.log.add(asStored(a));
            row.leaseToken = null;
            row.status = r.newStatus();
            row.lastAttemptAt = a.startedAt();
            row.lastStatusCode = a.statusCode();
            row.lastError = a.error();
            if (r.newStatus() == DeliveryStatus.RETRYING) {
                setDue(row, r.nextAttemptAt());
            } else if (r.newStatus() == DeliveryStatus.BLOCKED) {
                setDue(row, null); // waits for an operator, holding its key
            } else {
                setDue(row, null);
                row.finishedAt = now;
                closeOrder(row);
            }
        }
        return applied;
    }

    /** What a store keeps of an attempt: the outcome without its cause and Retry-After, as the JDBC store reads it back. */
    private static DeliveryAttempt asStored(DeliveryAttempt a) {
        return new DeliveryAttempt(a.deliveryId(), a.attempt(), a.startedAt(), AttemptOutcome.restored(a.statusCode(),
                a.failure(), a.error(), a.responseExcerpt(), a.duration()));
    }

    @Override
    public synchronized void release(List<ClaimedDelivery> claims, Instant now) {
        StoreArguments.checkClaims(claims);
        requireNonNull(now, "now");
        for (ClaimedDelivery c : claims) {
            Row row = deliveries.get(c.deliveryId());
            if (row != null && c.leaseToken().equals(row.leaseToken)) {
                row.leaseToken = null;
                row.attempts = Math.max(0, row.attempts - 1);
                row.status = row.attempts == 0 ? DeliveryStatus.PENDING : DeliveryStatus.RETRYING;
                setDue(row, now);
            }
        }
    }

    /** Gives an ordered row the next place of its key and counts it as open. */
    private void takePlace(Row row) {
        OrderKey k = java.util.Objects.requireNonNull(row.orderKey);
        row.seq = lastPlace.merge(k, 1L, Long::sum);
        open.computeIfAbsent(k, x -> new TreeMap<>()).put(row.seq, row);
    }

    private void closeOrder(Row row) {
        OrderKey k = row.orderKey;
        if (k == null) {
            return;
        }
        TreeMap<Long, Row> rows = open.get(k);
        if (rows != null) {
            rows.remove(row.seq);
            if (rows.isEmpty()) {
                open.remove(k);
            }
        }
    }

    private boolean isFirstOfKey(Row row) {
        if (row.orderKey == null) {
            return true;
        }
        TreeMap<Long, Row> rows = open.get(row.orderKey);
        return rows == null || rows.firstKey() == row.seq;
    }

    private void setDue(Row row, @Nullable Instant at) {
        if (row.dueAt != null) {
            Key k = new Key(row.dueAt, row.id);
            due.remove(k);
            TreeMap<Key, Row> own = dueByEndpoint.get(row.endpointId);
            if (own != null) {
                own.remove(k);
                if (own.isEmpty()) {
                    dueByEndpoint.remove(row.endpointId);
                }
            }
        }
        row.dueAt = at;
        if (at != null) {
            Key k = new Key(at, row.id);
            due.put(k, row);
            dueByEndpoint.computeIfAbsent(row.endpointId, id -> new TreeMap<>(ORDER)).put(k, row);
        }
    }

    /** Takes {@code rows} out of the due indexes, into {@code taken}. */
    private void take(List<Row> rows, List<Row> taken) {
        for (Row row : List.copyOf(rows)) {
            setDue(row, null);
            taken.add(row);
        }
    }

    @Override
    public synchronized Optional<Delivery> find(String deliveryId) {
        requireId(deliveryId, "deliveryId");
        return Optional.ofNullable(deliveries.get(deliveryId)).map(this::snapshot);
    }

    private Delivery snapshot(Row r) {
        return new Delivery(r.id, r.messageId, r.endpointId, eventType(r), r.status, r.attempts, r.createdAt, r.dueAt,
                r.lastAttemptAt, r.lastStatusCode, r.lastError, stored(r.messageId).message.tenant());
    }

    private String eventType(Row r) {
        return stored(r.messageId).message.type().name();
    }

    /** The message a delivery refers to: stored for as long as a delivery (or the orphan set) names it. */
    private Stored stored(String messageId) {
        Stored s = messages.get(messageId);
        if (s == null) {
            throw new IllegalStateException("message " + messageId + " is referred to but not stored");
        }
        return s;
    }

    private boolean matches(Row r, DeliveryQuery q) {
        io.cactus.webhooks.TenantId tenant = q.tenant();
        return (q.status() == null || r.status == q.status())
                && (q.endpointId() == null || r.endpointId.equals(q.endpointId()))
                && (q.eventType() == null || eventType(r).equals(q.eventType()))
                && (tenant == null || tenant.equals(stored(r.messageId).message.tenant()))
                && (q.createdFrom() == null || !r.createdAt.isBefore(q.createdFrom()))
                && (q.createdBefore() == null || r.createdAt.isBefore(q.createdBefore()));
    }

    @Override
    public synchronized List<Delivery> query(DeliveryQuery q) {
        requireNonNull(q, "query");
        List<Delivery> result = new ArrayList<>();
        int skipped = 0;
        for (Row r : byCreation.descendingMap().values()) {
            if (result.size() == q.limit()) {
                break;
            }
            if (matches(r, q) && skipped++ >= q.offset()) {
                result.add(snapshot(r));
            }
        }
        return result;
    }

    @Override
    public synchronized long count(DeliveryQuery q) {
        requireNonNull(q, "query");
        return deliveries.values().stream().filter(r -> matches(r, q)).count();
    }

    @Override
    public synchronized List<DeliveryAttempt> attempts(String deliveryId) {
        requireId(deliveryId, "deliveryId");
        Row row = deliveries.get(deliveryId);
        return row == null ? List.of() : List.copyOf(row.log);
    }

    @Override
    public synchronized Map<String, List<DeliveryAttempt>> attempts(Collection<String> deliveryIds) {
        Map<String, List<DeliveryAttempt>> result = StoreArguments.attemptsByDelivery(deliveryIds);
        for (Map.Entry<String, List<DeliveryAttempt>> e : result.entrySet()) {
            Row row = deliveries.get(e.getKey());
            if (row != null) {
                e.setValue(List.copyOf(row.log));
            }
        }
        return result;
    }

    @Override
    public synchronized Optional<WebhookMessage> message(String messageId) {
        requireId(messageId, "messageId");
        Stored s = messages.get(messageId);
        return Optional.ofNullable(s == null ? null : s.message);
    }

    @Override
    public synchronized boolean redeliver(String deliveryId, Instant now) {
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        Row row = deliveries.get(deliveryId);
        if (row == null) {
            return false;
        }
        WebhookMessage m = stored(row.messageId).message;
        Instant expungedAt = m.payloadExpungedAt().orElse(null);
        if (expungedAt != null) {
            throw new PayloadExpungedException(m.id(), expungedAt, "redeliver " + deliveryId);
        }
        if (row.status == DeliveryStatus.IN_FLIGHT) {
            return false;
        }
        restart(row, now);
        return true;
    }

    private void restart(Row row, Instant now) {
        if (row.orderKey != null && row.status.isTerminal()) {
            takePlace(row); // a finished one goes after what its key has; a BLOCKED one keeps its place
        }
        row.status = DeliveryStatus.PENDING;
        row.attempts = 0;
        row.finishedAt = null;
        row.leaseToken = null;
        setDue(row, now);
    }

    @Override
    public synchronized int replayFailed(String endpointId, Instant since, Instant now) {
        requireId(endpointId, "endpointId");
        requireNonNull(since, "since");
        requireNonNull(now, "now");
        // replay of every creation time from since on, all due now (ordered ones keep their order:
        // within a key, creation order is the order of places here)
        return since.isBefore(NO_LATER) ? replay(ReplaySelection.of(endpointId, since, NO_LATER), now, Duration.ZERO) : 0;
    }

    @Override
    public synchronized int countReplayable(ReplaySelection selection) {
        requireNonNull(selection, "selection");
        return replayable(selection).size();
    }

    @Override
    public synchronized int replay(ReplaySelection selection, Instant firstDue, Duration spacing) {
        requireNonNull(selection, "selection");
        requireNonNull(firstDue, "firstDue");
        StoreArguments.requireSpacing(spacing);
        List<Row> rows = replayable(selection);
        for (int i = 0; i < rows.size(); i++) {
            restart(rows.get(i), firstDue.plus(spacing.multipliedBy(i)));
        }
        return rows.size();
    }

    private List<Row> replayable(ReplaySelection selection) {
        List<Row> rows = new ArrayList<>();
        for (Row row : deliveries.values()) {
            if (row.status != DeliveryStatus.DEAD && row.status != DeliveryStatus.CANCELLED) {
                continue;
            }
            WebhookMessage m = stored(row.messageId).message;
            if (selection.matches(row.endpointId, m.type().name(), row.createdAt, row.status, m.tenant())
                    && !m.isPayloadExpunged()) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.createdAt).thenComparing(r -> r.id));
        return rows;
    }

    @Override
    public synchronized int cancelPending(String endpointId, Instant now) {
        requireId(endpointId, "endpointId");
        requireNonNull(now, "now");
        int n = 0;
        for (Row row : deliveries.values()) {
            if (row.endpointId.equals(endpointId) && (row.status == DeliveryStatus.PENDING
                    || row.status == DeliveryStatus.RETRYING || row.status == DeliveryStatus.BLOCKED)) {
                row.status = DeliveryStatus.CANCELLED;
                row.finishedAt = now;
                setDue(row, null);
                closeOrder(row);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized boolean skipBlocked(String deliveryId, Instant now) {
        requireId(deliveryId, "deliveryId");
        requireNonNull(now, "now");
        Row row = deliveries.get(deliveryId);
        if (row == null || row.status != DeliveryStatus.BLOCKED) {
            return false;
        }
        row.status = DeliveryStatus.DEAD;
        row.finishedAt = now;
        closeOrder(row);
        return true;
    }

    @Override
    public synchronized PurgedRows purgeFinished(DeliveryStatus status, Instant finishedBefore, int limit) {
        StoreArguments.requireTerminal(status);
        requireNonNull(finishedBefore, "finishedBefore");
        StoreArguments.requireLimit(limit);
        List<Row> old = new ArrayList<>();
        for (Row row : deliveries.values()) {
            // A terminal row always has a finish time (record and cancelPending set it with the status).
            if (row.status == status && row.finishedAt != null && row.finishedAt.isBefore(finishedBefore)) {
                old.add(row);
            }
        }
        old.sort(Comparator.comparing((Row r) -> java.util.Objects.requireNonNull(r.finishedAt)));
        int attempts = 0;
        int messagesDeleted = 0;
        List<Row> batch = old.subList(0, Math.min(limit, old.size()));
        for (Row row : batch) {
            deliveries.remove(row.id);
            byCreation.remove(new Key(row.createdAt, row.id));
            attempts += row.log.size();
            if (--stored(row.messageId).refs == 0) {
                messages.remove(row.messageId);
                messagesDeleted++;
            }
        }
        return new PurgedRows(batch.size(), attempts, messagesDeleted);
    }

    @Override
    public synchronized int purgeUnreferencedMessages(Instant from, Instant before, int limit) {
        requireNonNull(from, "from");
        requireNonNull(before, "before");
        StoreArguments.requireLimit(limit);
        int n = 0;
        for (Iterator<String> it = orphans.iterator(); it.hasNext() && n < limit; ) {
            String messageId = it.next();
            Instant t = stored(messageId).message.timestamp();
            if (!t.isBefore(from) && t.isBefore(before)) {
                messages.remove(messageId);
                it.remove();
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int expungePayloads(Instant finishedBefore, Instant now, int limit) {
        requireNonNull(finishedBefore, "finishedBefore");
        requireNonNull(now, "now");
        StoreArguments.requireLimit(limit);
        Map<String, Boolean> expungeable = new HashMap<>();
        for (Row row : deliveries.values()) {
            boolean done = row.finishedAt != null && row.finishedAt.isBefore(finishedBefore);
            expungeable.merge(row.messageId, done, Boolean::logicalAnd);
        }
        List<Stored> candidates = new ArrayList<>();
        expungeable.forEach((messageId, done) -> {
            Stored s = stored(messageId);
            if (done && !s.message.isPayloadExpunged()) {
                candidates.add(s);
            }
        });
        candidates.sort(Comparator.comparing((Stored s) -> s.message.timestamp()));
        int n = Math.min(limit, candidates.size());
        for (Stored s : candidates.subList(0, n)) {
            WebhookMessage m = s.message;
            s.message = WebhookMessage.expunged(m.id(), m.type(), m.timestamp(), now, m.traceContext().orElse(null))
                    .withTenant(m.tenant());
        }
        return n;
    }

    @Override
    public synchronized Optional<Instant> oldestFinished(DeliveryStatus status) {
        StoreArguments.requireTerminal(status);
        Instant oldest = null;
        for (Row row : deliveries.values()) {
            if (row.status == status && row.finishedAt != null && (oldest == null || row.finishedAt.isBefore(oldest))) {
                oldest = row.finishedAt;
            }
        }
        return Optional.ofNullable(oldest);
    }

    /** A lease in this store's memory: several dispatchers of this process on one store purge one at a time. */
    @Override
    public synchronized boolean acquireRetentionLease(String owner, Instant now, Instant until) {
        StoreArguments.checkLease(owner, now, until);
        if (leaseOwner == null || leaseOwner.equals(owner) || !leaseUntil.isAfter(now)) {
            leaseOwner = owner;
            leaseUntil = until;
            return true;
        }
        return false;
    }

    @Override
    public synchronized void releaseRetentionLease(String owner) {
        StoreArguments.checkOwner(owner);
        if (owner.equals(leaseOwner)) {
            leaseOwner = null;
            leaseUntil = Instant.MIN;
        }
    }

    @Override
    public synchronized Backlog backlog() {
        Instant oldest = null;
        for (Row row : due.values()) {
            if (oldest == null || row.createdAt.isBefore(oldest)) {
                oldest = row.createdAt;
            }
        }
        return new Backlog(due.size(), oldest);
    }

    /** Endpoint health in this process's memory, like everything else here. */
    @Override
    public EndpointHealthStore endpointHealth() {
        return endpointHealth;
    }
}
