package io.cactus.webhooks.docs;

// tag::retry[]
import io.cactus.webhooks.delivery.RetryPolicy;
import java.time.Duration;

/** Give one to Webhooks.builder().retryPolicy(...). */
final class RetrySchedules {

    /** 3 attempts: at once, then after about 10 s and about 1 min (each delay ±20 %). */
    static RetryPolicy quick() {
        return RetryPolicy.builder().schedule(Duration.ofSeconds(10), Duration.ofMinutes(1)).build();
    }

    /** 4 attempts: the delay starts at about 1 s and doubles, up to 5 min. */
    static RetryPolicy exponential() {
        return RetryPolicy.builder().exponential(4, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5)).build();
    }

    /** 2 attempts exactly 30 s apart; a 4xx answer other than 408 and 429 ends the delivery at once. */
    static RetryPolicy strict() {
        return RetryPolicy.builder().schedule(Duration.ofSeconds(30)).jitter(0).retryClientErrors(false).build();
    }
}
// end::retry[]
