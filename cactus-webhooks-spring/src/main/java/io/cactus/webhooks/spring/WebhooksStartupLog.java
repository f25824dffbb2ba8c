package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.TransactionalDeliveryStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Logs one INFO line (logger {@code io.cactus.webhooks}) once the application context is
 * refreshed: the store (kind and database), the endpoints (names and hosts) and, when the receiver
 * is on, the paths it verifies. It never logs a secret, a credential, a URL's path or query.
 * Thread-safe; logs once per context.
 */
final class WebhooksStartupLog implements ApplicationListener<ContextRefreshedEvent> {

    static final String LOGGER = "io.cactus.webhooks";
    static final String RECEIVER_FILTER = "webhookVerificationFilter";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    /** A registry may hold thousands of endpoints; the line names this many. */
    private static final int LISTED = 20;

    private final ApplicationContext context;
    private final Webhooks webhooks;
    private final ObjectProvider<DeliveryStore> store;
    private final ObjectProvider<DataSource> dataSource;
    private final CactusWebhooksProperties properties;
    private final AtomicBoolean logged = new AtomicBoolean();

    WebhooksStartupLog(ApplicationContext context, Webhooks webhooks, ObjectProvider<DeliveryStore> store,
            ObjectProvider<DataSource> dataSource, CactusWebhooksProperties properties) {
        this.context = context;
        this.webhooks = webhooks;
        this.store = store;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        // after the refresh the endpoints registered once the web server runs are there too
        if (event.getApplicationContext() == context && log.isInfoEnabled() && logged.compareAndSet(false, true)) {
            log.info("Cactus Webhooks: {}; {}{}", store(), endpoints(), receiver());
        }
    }

    private String store() {
        DeliveryStore s = store.getIfUnique();
        if (s == null) {
            return "the application's own store";
        }
        if (s instanceof InMemoryDeliveryStore) {
            return "in-memory store (not durable)";
        }
        if (s instanceof JdbcDeliveryStore) {
            return "JDBC store on " + database(s);
        }
        return s.getClass().getSimpleName() + " store";
    }

    private String database(DeliveryStore jdbc) {
        // the store's own DataSource, which need not be the application's only one
        DataSource ds = jdbc instanceof TransactionalDeliveryStore tx ? tx.dataSource().orElse(null) : null;
        if (ds == null) {
            ds = dataSource.getIfUnique();
        }
        if (ds == null) {
            return jdbc.toString();
        }
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseMajorVersion() + "."
                    + meta.getDatabaseMinorVersion();
        } catch (SQLException | RuntimeException e) {
            return jdbc + " (database version unknown: " + e.getClass().getSimpleName() + ")";
        }
    }

    private String endpoints() {
        List<Endpoint> all;
        try {
            all = webhooks.reader().endpoints();
        } catch (RuntimeException e) {
            return "endpoints unknown (" + e.getClass().getSimpleName() + ")";
        }
        if (all.isEmpty()) {
            return "no endpoints";
        }
        List<String> named = new ArrayList<>();
        for (Endpoint e : all.subList(0, Math.min(LISTED, all.size()))) {
            URI url = e.url();
            named.add(e.id() + " (" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                    + (e.enabled() ? "" : ", disabled") + ")");
        }
        return all.size() + (all.size() == 1 ? " endpoint: " : " endpoints: ") + String.join(", ", named)
                + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : "");
    }

    private String receiver() {
        if (!properties.getReceiver().isEnabled() || !context.containsBean(RECEIVER_FILTER)) {
            return "";
        }
        return "; receiver verifies signatures on " + String.join(", ", properties.getReceiver().getPaths());
    }
}
