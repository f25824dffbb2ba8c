package io.cactus.webhooks.benchmarks;

import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.ExecutorSubmitter;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Persistor;
import com.gruelbox.transactionoutbox.Submitter;
import com.gruelbox.transactionoutbox.ThreadLocalContextTransactionManager;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import io.cactus.webhooks.json.JacksonPayloadSerializer;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.WebhookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;

/**
 * gruelbox transaction-outbox 4.2.268 on the variant's database: its JDBC
 * {@link TransactionManager#fromDataSource} transaction manager, the default persistor for
 * {@link Dialect#H2} or {@link Dialect#POSTGRESQL_9} (table {@code TXNO_OUTBOX}, created by its own
 * migrations), and an {@link ExecutorSubmitter} over {@code concurrency} threads with an unbounded
 * queue. Each publish is one transaction that schedules one {@link Task#post} call; after the commit
 * the outbox submits it at once, and a worker runs it in a second transaction (lock the row, POST
 * with OkHttp, delete the row). No {@code flush()} runs in the load mode: nothing fails, so nothing
 * needs it.
 */
final class OutboxPeer implements PeerVariant, PeerVariant.Pending {

    /** What the outbox schedules: one POST. An interface, so that the outbox proxies it. */
    public interface Task {
        void post(String webhookId, String body) throws IOException;
    }

    // Longer than any drain: flush() pushes every entry it hands over this far into the future, so
    // entries still waiting in the executor's queue are not handed over twice.
    private static final Duration ATTEMPT_FREQUENCY = Duration.ofMinutes(30);
    // The drain's filling outbox: entries become due this soon, and prepare() waits for that.
    private static final Duration FILL_ATTEMPT_FREQUENCY = Duration.ofMillis(200);

    private final ThreadLocalContextTransactionManager transactions;
    private final Dialect dialect;
    private final OkHttpClient client;
    private final Task task;
    private final ThreadPoolExecutor workers;
    private final PayloadSerializer encoder = new JacksonPayloadSerializer();
    private TransactionOutbox outbox;
    private Instant lastStored = Instant.EPOCH;

    private OutboxPeer(DataSource dataSource, boolean postgres, String url, int concurrency, boolean sending) {
        this.transactions = TransactionManager.fromDataSource(dataSource);
        this.dialect = postgres ? Dialect.POSTGRESQL_9 : Dialect.H2;
        this.client = LoopbackClient.create(concurrency);
        this.task = (id, body) -> LoopbackClient.send(client, url, id, body.getBytes(StandardCharsets.UTF_8));
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "outbox-worker");
                    t.setDaemon(true);
                    return t;
                });
        this.outbox = sending ? outbox(ExecutorSubmitter.builder().executor(workers).build(), ATTEMPT_FREQUENCY)
                // The drain fills with the workers "not running": a submitter that hands nothing over.
                : outbox((entry, localExecutor) -> { }, FILL_ATTEMPT_FREQUENCY);
    }

    static OutboxPeer running(DataSource dataSource, boolean postgres, String url, int concurrency) {
        return new OutboxPeer(dataSource, postgres, url, concurrency, true);
    }

    static OutboxPeer pending(DataSource dataSource, boolean postgres, String url, int concurrency) {
        return new OutboxPeer(dataSource, postgres, url, concurrency, false);
    }

    private TransactionOutbox outbox(Submitter submitter, Duration attemptFrequency) {
        return TransactionOutbox.builder()
                .transactionManager(transactions)
                .persistor(Persistor.forDialect(dialect))
                .instantiator(Instantiator.using(type -> task))
                .submitter(submitter)
                .attemptFrequency(attemptFrequency)
                .build();
    }

    @Override
    public void publish(WebhookEvent event) throws IOException {
        String body = new String(encoder.serialize(event), StandardCharsets.UTF_8);
        // The proxy only writes the row; Task.post's IOException cannot happen here.
        transactions.inTransactionThrows(tx -> outbox.schedule(Task.class).post(event.id(), body));
    }

    @Override
    public boolean settled() {
        return workers.getActiveCount() == 0 && workers.getQueue().isEmpty();
    }

    @Override
    public void store(List<WebhookEvent> events) throws IOException {
        transactions.inTransactionThrows(tx -> {
            for (WebhookEvent event : events) {
                String body = new String(encoder.serialize(event), StandardCharsets.UTF_8);
                outbox.schedule(Task.class).post(event.id(), body);
            }
        });
        lastStored = Instant.now();
    }

    /** The sending outbox, once every stored entry is due. */
    @Override
    public void prepare() {
        Instant due = lastStored.plus(FILL_ATTEMPT_FREQUENCY);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(due));
        outbox = outbox(ExecutorSubmitter.builder().executor(workers).build(), ATTEMPT_FREQUENCY);
    }

    /** What an application's flush loop does after a restart: flush until no due entry is left. */
    @Override
    public void drain() {
        while (outbox.flush()) {
            // each flush hands over up to 4,096 due entries (the default batch) to the executor
        }
    }

    @Override
    public void close() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        LoopbackClient.close(client);
    }
}
