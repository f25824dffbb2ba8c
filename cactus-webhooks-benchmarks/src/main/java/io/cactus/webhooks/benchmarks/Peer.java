package io.cactus.webhooks.benchmarks;

import java.util.Locale;

/** The senders {@link PeerLoadRun} compares, in the order each round runs them. */
enum Peer {
    RAW("raw OkHttp (limit)", "OkHttp 5.5.1 async POSTs, at most C in flight (a publish waits for a"
            + " permit), no database"),
    MODULITH("Spring Modulith 2.0.3 JDBC registry", "Spring Boot 4.0.7 auto-configuration without a web server,"
            + " spring-modulith-starter-core + -starter-jdbc (schema initialization on, completion mode UPDATE),"
            + " @Transactional publisher -> publishEvent, @ApplicationModuleListener POSTs with one shared OkHttp"
            + " client on Boot's applicationTaskExecutor of C threads (unbounded queue); drain: publications stored"
            + " while the executor runs nothing, then a new context and resubmitIncompletePublications"),
    OUTBOX("transaction-outbox 4.2.268", "TransactionManager.fromDataSource, Persistor.forDialect(H2 or"
            + " POSTGRESQL_9), ExecutorSubmitter over C threads (unbounded queue); schedule() of a POST task in the"
            + " publish transaction, run at once after the commit (lock row, POST, delete row); no flush() under load;"
            + " drain: entries stored with a submitter that runs nothing, then flush() until nothing is due"),
    CACTUS("Cactus JdbcDeliveryStore", "Webhooks.builder() with JdbcDeliveryStore (schema initialization on),"
            + " one endpoint maxInFlight=C, concurrency C, batch size 100 (--batch-size); one publish() per event;"
            + " drain: published before start(), then start()");

    final String label;
    final String description;

    Peer(String label, String description) {
        this.label = label;
        this.description = description;
    }

    static Peer parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "raw", "okhttp" -> RAW;
            case "modulith", "spring-modulith" -> MODULITH;
            case "outbox", "transaction-outbox", "gruelbox" -> OUTBOX;
            case "cactus" -> CACTUS;
            default -> throw new IllegalArgumentException("unknown variant '" + s
                    + "'; use raw, modulith, outbox or cactus");
        };
    }
}
