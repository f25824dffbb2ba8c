package io.cactus.webhooks.delivery;

import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.internal.InMemoryEndpointHealthStore;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link DeliveryStore} in this process's memory: for tests and for single-process use where
 * losing pending webhooks on a restart is acceptable. <strong>Not durable.</strong>
 *
 * <p>Thread-safe (one lock). Attempt logs are kept for every delivery until purged.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {

    private record DueKey(Instant dueAt, String deliveryId) {
    }

    private static final Comparator<DueKey> DUE_ORDER =
            Comparator.comparing(DueKey::dueAt).thenComparing(DueKey::deliveryId);

    private static final class Row {
        final String id;
        final String messageId;
        final String endpointId;
        final Instant createdAt;
        DeliveryStatus status = DeliveryStatus.PENDING;
        int attempts;
        Instant dueAt;
        String leaseToken;
        Instant lastAttemptAt;
        Instant finishedAt;
        Integer lastStatusCode;
        String lastError;
        final List<DeliveryAttempt> log = new ArrayList<>(1);

        Row(String id, String messageId, String endpointId, Instant createdAt) {
            this.id = id;
            this.messageId = messageId;
            this.endpointId = endpointId;
            this.createdAt = createdAt;
        }
    }

    private final Clock clock;
    private final EndpointHealthStore endpointHealth = new InMemoryEndpointHealthStore();
    private final Map<String, WebhookMessage> messages = new HashMap<>();
    private final Map<String, Integer> messageRefs = new HashMap<>();
    private final LinkedHashMap<String, Row> deliveries = new LinkedHashMap<>();
    private final TreeMap<DueKey, Row> due = new TreeMap<>(DUE_ORDER);

    public InMemoryDeliveryStore() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps creation times */
    public InMemoryDeliveryStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void enqueue(List<OutboundMessage> batch) {
        Instant now = clock.instant();
        for (OutboundMessage m : batch) {
            if (messages.containsKey(m.message().id())) {
                throw new IllegalArgumentException("message " + m.message().id() + " is already stored");
            }
        }
        for (OutboundMessage m : batch) {
            messages.put(m.message().id(), m.message());
            messageRefs.put(m.message().id(), m.endpointIds().size());
            for (String endpointId : m.endpointIds()) {
                Row row = new Row("dlv_" + Ulid.next(), m.message().id(), endpointId, now);
                deliveries.put(row.id, row);
                setDue(row, now);
            }
        }
    }

    @Override
    public synchronized List<ClaimedDelivery> claim(ClaimRequest request) {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        Iterator<Map.Entry<DueKey, Row>> it = due.entrySet().iterator();
        List<Row> taken = new ArrayList<>();
        while (it.hasNext() && taken.size() < request.limit()) {
            Map.Entry<DueKey, Row> entry = it.next();
            if (entry.getKey().dueAt().isAfter(request.now())) {
                break;
            }
            Row row = entry.getValue();
            if (!request.excludedEndpoints().contains(row.endpointId)) {
                it.remove();
                row.dueAt = null;
                taken.add(row);
            }
        }
        for (Row row : taken) {
            row.status = DeliveryStatus.IN_FLIGHT;
            row.attempts++;
            row.leaseToken = UUID.randomUUID().toString();
            setDue(row, request.leaseUntil());
            claimed.add(new ClaimedDelivery(row.id, row.endpointId, messages.get(row.messageId), row.attempts,
                    row.leaseToken, row.createdAt));
        }
        return claimed;
    }

    @Override
    public synchronized List<AttemptRecord> record(List<AttemptRecord> records) {
        List<AttemptRecord> applied = new ArrayList<>(records.size());
        for (AttemptRecord r : records) {
            Row row = deliveries.get(r.claim().deliveryId());
            if (row == null || !r.claim().leaseToken().equals(row.leaseToken)) {
                continue;
            }
            applied.add(r);
            DeliveryAttempt a = r.attempt();
            row.log.add(a);
            row.leaseToken = null;
            row.status = r.newStatus();
            row.lastAttemptAt = a.startedAt();
            row.lastStatusCode = a.statusCode();
            row.lastError = a.error();
            if (r.newStatus() == DeliveryStatus.RETRYING) {
                setDue(row, r.nextAttemptAt());
            } else {
                setDue(row, null);
                row.finishedAt = a.startedAt().plus(a.duration());
            }
        }
        return applied;
    }

    @Override
    public synchronized void release(List<ClaimedDelivery> claims, Instant now) {
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

    private void setDue(Row row, Instant at) {
        if (row.dueAt != null) {
            due.remove(new DueKey(row.dueAt, row.id));
        }
        row.dueAt = at;
        if (at != null) {
            due.put(new DueKey(at, row.id), row);
        }
    }

    @Override
    public synchronized Optional<Delivery> find(String deliveryId) {
        Row row = deliveryId == null ? null : deliveries.get(deliveryId);
        return Optional.ofNullable(row).map(this::snapshot);
    }

    private Delivery snapshot(Row r) {
        return new Delivery(r.id, r.messageId, r.endpointId, messages.get(r.messageId).type().name(), r.status,
                r.attempts, r.createdAt, r.dueAt, r.lastAttemptAt, r.lastStatusCode, r.lastError);
    }

    private boolean matches(Row r, DeliveryQuery q) {
        return (q.status() == null || r.status == q.status())
                && (q.endpointId() == null || r.endpointId.equals(q.endpointId()))
                && (q.eventType() == null || messages.get(r.messageId).type().name().equals(q.eventType()))
                && (q.createdFrom() == null || !r.createdAt.isBefore(q.createdFrom()))
                && (q.createdBefore() == null || r.createdAt.isBefore(q.createdBefore()));
    }

    @Override
    public synchronized List<Delivery> query(DeliveryQuery q) {
        List<Row> rows = new ArrayList<>(deliveries.values());
        List<Delivery> result = new ArrayList<>();
        int skipped = 0;
        for (int i = rows.size() - 1; i >= 0 && result.size() < q.limit(); i--) {
            Row r = rows.get(i);
            if (matches(r, q) && skipped++ >= q.offset()) {
                result.add(snapshot(r));
            }
        }
        return result;
    }

    @Override
    public synchronized long count(DeliveryQuery q) {
        return deliveries.values().stream().filter(r -> matches(r, q)).count();
    }

    @Override
    public synchronized List<DeliveryAttempt> attempts(String deliveryId) {
        Row row = deliveryId == null ? null : deliveries.get(deliveryId);
        return row == null ? List.of() : List.copyOf(row.log);
    }

    @Override
    public synchronized Optional<WebhookMessage> message(String messageId) {
        return Optional.ofNullable(messageId == null ? null : messages.get(messageId));
    }

    @Override
    public synchronized boolean redeliver(String deliveryId, Instant now) {
        Row row = deliveryId == null ? null : deliveries.get(deliveryId);
        if (row == null || row.status == DeliveryStatus.IN_FLIGHT) {
            return false;
        }
        restart(row, now);
        return true;
    }

    private void restart(Row row, Instant now) {
        row.status = DeliveryStatus.PENDING;
        row.attempts = 0;
        row.finishedAt = null;
        setDue(row, now);
    }

    @Override
    public synchronized int replayFailed(String endpointId, Instant since, Instant now) {
        int n = 0;
        for (Row row : deliveries.values()) {
            if (row.endpointId.equals(endpointId) && !row.createdAt.isBefore(since)
                    && (row.status == DeliveryStatus.DEAD || row.status == DeliveryStatus.CANCELLED)) {
                restart(row, now);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int cancelPending(String endpointId, Instant now) {
        int n = 0;
        for (Row row : deliveries.values()) {
            if (row.endpointId.equals(endpointId)
                    && (row.status == DeliveryStatus.PENDING || row.status == DeliveryStatus.RETRYING)) {
                row.status = DeliveryStatus.CANCELLED;
                row.finishedAt = now;
                setDue(row, null);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int purgeSucceeded(Instant before) {
        int n = 0;
        Iterator<Row> it = deliveries.values().iterator();
        while (it.hasNext()) {
            Row row = it.next();
            if (row.status == DeliveryStatus.SUCCEEDED && row.finishedAt != null && row.finishedAt.isBefore(before)) {
                it.remove();
                n++;
                if (messageRefs.merge(row.messageId, -1, Integer::sum) <= 0) {
                    messageRefs.remove(row.messageId);
                    messages.remove(row.messageId);
                }
            }
        }
        return n;
    }

    @Override
    public synchronized Backlog backlog() {
        long pending = 0;
        Instant oldest = null;
        for (Row row : due.values()) {
            pending++;
            if (oldest == null || row.createdAt.isBefore(oldest)) {
                oldest = row.createdAt;
            }
        }
        return new Backlog(pending, oldest);
    }

    /** Endpoint health in this process's memory, like everything else here. */
    @Override
    public EndpointHealthStore endpointHealth() {
        return endpointHealth;
    }
}
