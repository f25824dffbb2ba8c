package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on H2 in file mode ({@link JdbcDispatchContract}), and published work that
 * survives a restart of everything, the database included.
 */
class JdbcDispatchIT extends JdbcDispatchContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDatabase() {
        return TestDatabases.h2File(dir, ";DB_CLOSE_DELAY=-1");
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.h2File(dir, ";DB_CLOSE_DELAY=-1");
    }

    @Override
    boolean nodesCompeteForABacklog() {
        return false;
    }

    @Test
    void publishedWorkSurvivesARestartOfEverything() throws Exception {
        DataSource first = TestDatabases.h2File(dir, "");
        Webhooks before = webhooks(first, "node-1", null); // never started: nothing is sent
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(before.publisher().publish(WebhookEvent.of("client.created", Map.of("n", i))).messageId());
        }
        before.close();
        opened.remove(before);
        try (Connection c = first.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        }
        assertThat(received).isEmpty();

        Webhooks after = webhooks(TestDatabases.h2File(dir, ""), "node-2", null).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.keySet().containsAll(ids));
        await().until(() -> after.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED)) == 20);
        assertThat(badSignatures).hasValue(0);
    }
}
