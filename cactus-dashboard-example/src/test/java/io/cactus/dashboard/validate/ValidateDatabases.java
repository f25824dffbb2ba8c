package io.cactus.dashboard.validate;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** Creates a dashboard database in a folder as a first start would: the app's migrations, then the library's. */
final class ValidateDatabases {

    private ValidateDatabases() {
    }

    static void create(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("cactus");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        Flyway.configure().dataSource(url, "sa", "")
                .locations("classpath:db/cactus-webhooks/h2/deliveries", "classpath:db/cactus-webhooks/h2/endpoints")
                .table("cactus_webhook_flyway_history").baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }
}
