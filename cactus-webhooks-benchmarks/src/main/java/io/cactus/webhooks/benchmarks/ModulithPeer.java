package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.json.JacksonPayloadSerializer;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.WebhookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a Spring user builds today: Spring Boot 4 auto-configuration (no web server) with Spring
 * Modulith 2.0.3's JDBC event publication registry on the variant's database (its schema created
 * by {@code spring.modulith.events.jdbc.schema-initialization.enabled}), a {@code @Transactional}
 * publisher calling {@link ApplicationEventPublisher#publishEvent}, and an
 * {@link ApplicationModuleListener} that POSTs the body with a shared OkHttp client. The listener
 * runs after the commit on Boot's {@code applicationTaskExecutor}, sized to {@code concurrency}
 * threads (its queue is unbounded, Boot's default), in its own transaction
 * ({@code REQUIRES_NEW}, so it holds a pool connection while it POSTs); the registry marks the
 * publication PROCESSING before and COMPLETED after, each in its own transaction.
 */
final class ModulithPeer implements PeerVariant, PeerVariant.Pending {

    /** The event as Modulith stores it (serialized with Jackson 3 into the publication row). */
    public record PeerEvent(String webhookId, String body) {
    }

    /** The application's service: one event, one transaction. */
    public static class Publisher {
        private final ApplicationEventPublisher events;

        public Publisher(ApplicationEventPublisher events) {
            this.events = events;
        }

        @Transactional
        public void publish(PeerEvent event) {
            events.publishEvent(event);
        }

        @Transactional
        public void publishAll(List<PeerEvent> batch) {
            batch.forEach(events::publishEvent);
        }
    }

    /** Where the listener sends; registered into the context before it starts. */
    record Target(OkHttpClient client, String url) {
    }

    public static class Listener {
        private final Target target;

        public Listener(Target target) {
            this.target = target;
        }

        @ApplicationModuleListener
        public void on(PeerEvent event) throws IOException {
            LoopbackClient.send(target.client(), target.url(), event.webhookId(),
                    event.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class App {
        @Bean
        Publisher modulithPublisher(ApplicationEventPublisher events) {
            return new Publisher(events);
        }

        @Bean
        Listener modulithListener(Target target) {
            return new Listener(target);
        }
    }

    private final DataSource dataSource;
    private final int concurrency;
    private final Target target;
    private final PayloadSerializer encoder = new JacksonPayloadSerializer();
    private ConfigurableApplicationContext context;

    private ModulithPeer(DataSource dataSource, String url, int concurrency, boolean sending) {
        this.dataSource = dataSource;
        this.concurrency = concurrency;
        this.target = new Target(LoopbackClient.create(concurrency), url);
        this.context = startApplication(sending);
    }

    static ModulithPeer running(DataSource dataSource, String url, int concurrency) {
        return new ModulithPeer(dataSource, url, concurrency, true);
    }

    /**
     * For the drain: the same application, but its async executor never runs a task, so each
     * publication stays in the table as PUBLISHED (what a crash after the commit leaves behind).
     */
    static ModulithPeer pending(DataSource dataSource, String url, int concurrency) {
        return new ModulithPeer(dataSource, url, concurrency, false);
    }

    static {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE); // every variant logs to slf4j-nop
    }

    private ConfigurableApplicationContext startApplication(boolean sending) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.modulith.events.jdbc.schema-initialization.enabled", "true");
        properties.put("spring.task.execution.pool.core-size", concurrency);
        properties.put("spring.task.execution.pool.max-size", concurrency);
        properties.put("spring.task.execution.thread-name-prefix", "modulith-listener-");
        properties.put("spring.sql.init.mode", "never");
        ConfigurableApplicationContext started = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(properties)
                .initializers(ctx -> {
                    // Singletons, not bean definitions: the context must not close the shared pool.
                    ctx.getBeanFactory().registerSingleton("dataSource", dataSource);
                    ctx.getBeanFactory().registerSingleton("modulithTarget", target);
                    if (!sending) {
                        ctx.getBeanFactory().registerSingleton("taskExecutor", (TaskExecutor) task -> { });
                    }
                })
                .run();
        if (sending) {
            int threads = started.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class).getMaxPoolSize();
            if (threads != concurrency) {
                throw new IllegalStateException("the listener executor has " + threads + " threads, not " + concurrency);
            }
        }
        return started;
    }

    private static PeerEvent event(PayloadSerializer encoder, WebhookEvent e) {
        return new PeerEvent(e.id(), new String(encoder.serialize(e), StandardCharsets.UTF_8));
    }

    @Override
    public void publish(WebhookEvent event) {
        context.getBean(Publisher.class).publish(event(encoder, event));
    }

    @Override
    public boolean settled() {
        ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
        return executor.getActiveCount() == 0 && executor.getThreadPoolExecutor().getQueue().isEmpty();
    }

    @Override
    public void store(List<WebhookEvent> events) {
        List<PeerEvent> batch = new ArrayList<>(events.size());
        events.forEach(e -> batch.add(event(encoder, e)));
        context.getBean(Publisher.class).publishAll(batch);
    }

    /** Stops the application that stored, starts one that sends (same database, same listener). */
    @Override
    public void prepare() {
        context.close();
        context = startApplication(true);
    }

    /**
     * Modulith's own way to send what is left after a restart (the same as
     * {@code spring.modulith.events.republish-outstanding-events-on-restart}): it loads every
     * incomplete publication, marks each RESUBMITTED in turn on this thread and hands it to the
     * listener, which runs on the task executor.
     */
    @Override
    public void drain() {
        context.getBean(IncompleteEventPublications.class).resubmitIncompletePublications(p -> true);
    }

    @Override
    public void close() {
        context.close();
        LoopbackClient.close(target.client());
    }
}
