package io.cactus.webhooks.testing;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EndpointHealthStore;
import io.cactus.webhooks.spi.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store with counters on the dispatcher's calls, and a switch that makes {@link #record}
 * fail as a database would (fault injection, not a mock: everything else is the real store).
 */
public final class InstrumentedStore implements DeliveryStore {

    private final DeliveryStore delegate;
    public final AtomicInteger claimCalls = new AtomicInteger();
    public final AtomicInteger claimed = new AtomicInteger();
    public final AtomicInteger releaseCalls = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();
    public final AtomicInteger recordCalls = new AtomicInteger();
    public final AtomicInteger failedRecordCalls = new AtomicInteger();
    public volatile boolean failRecords;

    public InstrumentedStore(DeliveryStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void enqueue(List<OutboundMessage> messages) {
        delegate.enqueue(messages);
    }

    @Override
    public List<io.cactus.webhooks.PublishReceipt> enqueueIdempotent(List<OutboundMessage> messages) {
        return delegate.enqueueIdempotent(messages);
    }

    @Override
    public int purgeExpiredIdempotencyKeys(Instant now, int limit) {
        return delegate.purgeExpiredIdempotencyKeys(now, limit);
    }

    @Override
    public List<ClaimedDelivery> claim(ClaimRequest request) {
        claimCalls.incrementAndGet();
        List<ClaimedDelivery> result = delegate.claim(request);
        claimed.addAndGet(result.size());
        return result;
    }

    @Override
    public List<AttemptRecord> record(List<AttemptRecord> records) {
        recordCalls.incrementAndGet();
        if (failRecords) {
            failedRecordCalls.incrementAndGet();
            throw new WebhookException("injected: the database refused the write");
        }
        return delegate.record(records);
    }

    @Override
    public void release(List<ClaimedDelivery> claims, Instant now) {
        releaseCalls.incrementAndGet();
        released.addAndGet(claims.size());
        delegate.release(claims, now);
    }

    @Override
    public Optional<Delivery> find(String deliveryId) {
        return delegate.find(deliveryId);
    }

    @Override
    public List<Delivery> query(DeliveryQuery query) {
        return delegate.query(query);
    }

    @Override
    public long count(DeliveryQuery query) {
        return delegate.count(query);
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return delegate.attempts(deliveryId);
    }

    @Override
    public Optional<WebhookMessage> message(String messageId) {
        return delegate.message(messageId);
    }

    @Override
    public boolean redeliver(String deliveryId, Instant now) {
        return delegate.redeliver(deliveryId, now);
    }

    @Override
    public int replayFailed(String endpointId, Instant since, Instant now) {
        return delegate.replayFailed(endpointId, since, now);
    }

    @Override
    public int countReplayable(io.cactus.webhooks.delivery.ReplaySelection selection) {
        return delegate.countReplayable(selection);
    }

    @Override
    public int replay(io.cactus.webhooks.delivery.ReplaySelection selection, Instant firstDue,
            java.time.Duration spacing) {
        return delegate.replay(selection, firstDue, spacing);
    }

    @Override
    public int cancelPending(String endpointId, Instant now) {
        return delegate.cancelPending(endpointId, now);
    }

    @Override
    public int purgeSucceeded(Instant before) {
        return delegate.purgeSucceeded(before);
    }

    @Override
    public io.cactus.webhooks.spi.PurgedRows purgeFinished(io.cactus.webhooks.delivery.DeliveryStatus status,
            Instant finishedBefore, int limit) {
        return delegate.purgeFinished(status, finishedBefore, limit);
    }

    @Override
    public int purgeUnreferencedMessages(Instant from, Instant before, int limit) {
        return delegate.purgeUnreferencedMessages(from, before, limit);
    }

    @Override
    public int expungePayloads(Instant finishedBefore, Instant now, int limit) {
        return delegate.expungePayloads(finishedBefore, now, limit);
    }

    @Override
    public Optional<Instant> oldestFinished(io.cactus.webhooks.delivery.DeliveryStatus status) {
        return delegate.oldestFinished(status);
    }

    @Override
    public boolean acquireRetentionLease(String owner, Instant now, Instant until) {
        return delegate.acquireRetentionLease(owner, now, until);
    }

    @Override
    public void releaseRetentionLease(String owner) {
        delegate.releaseRetentionLease(owner);
    }

    @Override
    public Backlog backlog() {
        return delegate.backlog();
    }

    @Override
    public EndpointHealthStore endpointHealth() {
        return delegate.endpointHealth();
    }
}
