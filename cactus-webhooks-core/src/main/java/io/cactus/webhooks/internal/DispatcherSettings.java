package io.cactus.webhooks.internal;

import io.cactus.webhooks.endpoint.RecoveryPolicy;
import java.time.Duration;

/**
 * @param owner this dispatcher's name in leases
 * @param concurrency attempts under way at once, all endpoints together
 * @param batchSize most deliveries claimed at once
 * @param lease how long a claim is held before others may take it
 * @param pollInterval how often due retries are looked for when nothing wakes the dispatcher
 * @param attemptTimeout the whole time budget of one attempt
 * @param propagateTraceContext whether attempts send the message's trace context as headers
 * @param recovery the ramp after a pause and the share of slots kept for first attempts
 */
public record DispatcherSettings(String owner, int concurrency, int batchSize, Duration lease,
        Duration pollInterval, Duration attemptTimeout, boolean propagateTraceContext, RecoveryPolicy recovery) {

    /** Settings with {@link RecoveryPolicy#DEFAULT}. */
    public DispatcherSettings(String owner, int concurrency, int batchSize, Duration lease,
            Duration pollInterval, Duration attemptTimeout, boolean propagateTraceContext) {
        this(owner, concurrency, batchSize, lease, pollInterval, attemptTimeout, propagateTraceContext,
                RecoveryPolicy.DEFAULT);
    }
}
