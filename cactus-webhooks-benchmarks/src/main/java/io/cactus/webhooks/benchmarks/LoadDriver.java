package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.WebhookEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publisher threads that hand {@code count} events to a sender and wait until the loopback
 * receiver has seen every id, shared by the load runs. Each event's time is taken just before the
 * call that hands it over, so latency is publish to first receipt.
 */
final class LoadDriver {

    /** The application's side of a sender. */
    @FunctionalInterface
    interface Sender {
        /** Hands the events over; returns when the call that would return to an application returns. */
        void send(List<WebhookEvent> events) throws Exception;
    }

    /** What one run measured; arrays are indexed by event. */
    record Run(String[] ids, long[] sentAt, long[] callNanos, long[] latencyNanos, long firstSend, long lastCallEnd,
            long lastReceipt, int duplicates) {

        int count() {
            return ids.length;
        }

        /** Seconds from the first publish to the last receipt. */
        double seconds() {
            return (lastReceipt - firstSend) / 1e9;
        }

        /** Events per second over the publish calls, from the first call to the end of the last. */
        double publishRate() {
            return count() / ((lastCallEnd - firstSend) / 1e9);
        }
    }

    private final int publishers;
    private final int batch;
    private final int window;
    private final Duration timeout;

    /**
     * @param batch events per send call
     * @param window at most this many events handed over and not yet received; {@code <= 0}: no
     *     window, each publisher publishes as fast as its calls return
     */
    LoadDriver(int publishers, int batch, int window, Duration timeout) {
        this.publishers = publishers;
        this.batch = window > 0 ? Math.min(batch, window) : batch;
        this.window = window;
        this.timeout = timeout;
    }

    /** Runs {@code count} events through the sender; fails unless every id arrives within the timeout. */
    Run run(LoopbackReceiver receiver, Sender sender, LoadEvents events, int count, String name) throws Exception {
        Semaphore permits = window > 0 ? new Semaphore(window) : null;
        CountDownLatch done = new CountDownLatch(count);
        receiver.reset(id -> {
            if (permits != null) {
                permits.release();
            }
            done.countDown();
        });
        String[] ids = new String[count];
        long[] sentAt = new long[count];
        long[] callNanos = new long[count];
        long[] callEnd = new long[publishers];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try {
                    // Publisher t takes chunks t, t + publishers, t + 2 * publishers, ...
                    for (int start = first * batch; start < count; start += publishers * batch) {
                        int end = Math.min(start + batch, count);
                        List<WebhookEvent> chunk = new ArrayList<>(end - start);
                        for (int i = start; i < end; i++) {
                            WebhookEvent e = events.next();
                            ids[i] = e.id();
                            chunk.add(e);
                        }
                        if (permits != null) {
                            permits.acquire(end - start);
                        }
                        long t0 = System.nanoTime();
                        for (int i = start; i < end; i++) {
                            sentAt[i] = t0;
                        }
                        sender.send(chunk);
                        long t1 = System.nanoTime();
                        for (int i = start; i < end; i++) {
                            callNanos[i] = t1 - t0;
                        }
                        callEnd[first] = t1;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "publisher-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + ": a publisher failed", failure.get());
        }
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + ": only " + receiver.received() + " of " + count
                    + " distinct ids received within " + timeout);
        }
        long[] latency = new long[count];
        for (int i = 0; i < count; i++) {
            latency[i] = receiver.receivedAt(ids[i]) - sentAt[i];
        }
        return new Run(ids, sentAt, callNanos, latency, Arrays.stream(sentAt).min().orElseThrow(),
                Arrays.stream(callEnd).max().orElseThrow(), receiver.lastReceipt(), receiver.duplicates());
    }

    /** What an idle run measured: latency and call time per event, warm-up left out. */
    record Idle(long[] latencyNanos, long[] callNanos) {
    }

    /**
     * One event at a time: send, wait for its receipt, run {@code settle} (wait until the sender has
     * finished recording), then pause {@code pause} before the next; the first {@code warm} are not
     * kept.
     */
    static Idle idle(LoopbackReceiver receiver, Sender sender, LoadEvents events, int count, int warm,
            Runnable settle, Duration pause) throws Exception {
        long[] latency = new long[count];
        long[] call = new long[count];
        AtomicReference<CompletableFuture<Long>> waiting = new AtomicReference<>();
        AtomicReference<String> expected = new AtomicReference<>();
        receiver.reset(id -> {
            if (id.equals(expected.get())) {
                waiting.get().complete(System.nanoTime());
            }
        });
        for (int i = -warm; i < count; i++) {
            WebhookEvent e = events.next();
            CompletableFuture<Long> f = new CompletableFuture<>();
            waiting.set(f);
            expected.set(e.id());
            long t0 = System.nanoTime();
            sender.send(List.of(e));
            long t1 = System.nanoTime();
            f.get(30, TimeUnit.SECONDS);
            long received = receiver.receivedAt(e.id());
            settle.run();
            if (i >= 0) {
                latency[i] = received - t0;
                call[i] = t1 - t0;
            }
            if (!pause.isZero()) {
                Thread.sleep(pause.toMillis()); // pacing the load generator, not waiting for anything
            }
        }
        return new Idle(latency, call);
    }
}
