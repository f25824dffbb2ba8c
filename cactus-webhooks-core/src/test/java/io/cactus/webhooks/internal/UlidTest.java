package io.cactus.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.cactus.webhooks.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UlidTest {

    private static final Instant T = Instant.parse("2030-01-01T10:00:00.123Z");

    @Test
    void idsFromAFixedClockEncodeItsMillisAndIncreaseWithinThatMillisecond() {
        Ulid ulid = new Ulid(Clock.fixed(T, ZoneOffset.UTC));

        String previous = ulid.next();
        assertThat(previous).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(Ulid.millisOf(previous)).isEqualTo(T.toEpochMilli());
        for (int i = 0; i < 1000; i++) {
            String id = ulid.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(Ulid.millisOf(id)).isEqualTo(T.toEpochMilli());
            previous = id;
        }
    }

    @Test
    void idsKeepIncreasingWhenTheClockGoesBackwards() {
        MutableClock clock = new MutableClock(T);
        Ulid ulid = new Ulid(clock);
        String first = ulid.next();

        clock.advance(Duration.ofHours(-1));
        String afterGoingBack = ulid.next();
        assertThat(afterGoingBack).isGreaterThan(first);
        assertThat(Ulid.millisOf(afterGoingBack)).as("stays on the latest time seen").isEqualTo(T.toEpochMilli());

        clock.advance(Duration.ofHours(1).plusMillis(5));
        String afterCatchingUp = ulid.next();
        assertThat(afterCatchingUp).isGreaterThan(afterGoingBack);
        assertThat(Ulid.millisOf(afterCatchingUp)).isEqualTo(T.toEpochMilli() + 5);
    }

    @Test
    void aFullRandomPartBorrowsTheNextMillisecond() {
        Random allOnes = new Random() {
            @Override
            public int nextInt(int bound) {
                return bound - 1;
            }

            @Override
            public long nextLong() {
                return -1L;
            }
        };
        Ulid ulid = new Ulid(Clock.fixed(T, ZoneOffset.UTC), allOnes);

        String last = ulid.next();
        String next = ulid.next();

        assertThat(last).endsWith("ZZZZZZZZZZZZZZZZ");
        assertThat(next).isGreaterThan(last).endsWith("0000000000000000");
        assertThat(Ulid.millisOf(next)).isEqualTo(T.toEpochMilli() + 1);
    }

    @Test
    void instancesKeepTheirOwnStateAndASeededRandomRepeats() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        Ulid a = new Ulid(clock, new Random(7));
        Ulid b = new Ulid(clock, new Random(7));

        List<String> fromA = List.of(a.next(), a.next(), a.next());
        List<String> fromB = List.of(b.next(), b.next(), b.next());

        assertThat(fromA).isEqualTo(fromB).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void manyThreadsGetUniqueIdsThatIncreaseWithinEachThread() throws Exception {
        Ulid ulid = new Ulid(Clock.systemUTC());
        int threads = 8;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(ulid.next());
                    }
                    return ids;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : results) {
                List<String> ids = f.get(30, TimeUnit.SECONDS);
                assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
                all.addAll(ids);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClockBefore1970CannotBeEncoded() {
        Ulid ulid = new Ulid(Clock.fixed(Instant.EPOCH.minusMillis(1), ZoneOffset.UTC));
        assertThatIllegalStateException().isThrownBy(ulid::next).withMessageContaining("-1 ms");
    }

    @Test
    void millisOfRefusesWhatIsNotAUlid() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ulid.millisOf("short"));
        assertThatIllegalArgumentException().isThrownBy(() -> Ulid.millisOf("U".repeat(26)))
                .withMessageContaining("index 0");
        assertThat(Ulid.millisOf("0".repeat(26))).isZero();
    }
}
