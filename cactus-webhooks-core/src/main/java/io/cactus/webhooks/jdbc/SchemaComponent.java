package io.cactus.webhooks.jdbc;

import java.util.Arrays;
import java.util.List;

/**
 * A part of the library that owns tables, with its versioned scripts in order. Each component
 * creates only its own tables; the versions of all components form one sequence, so that a
 * version names one script and Flyway can run every folder with a single history table.
 *
 * <p>To change the schema, add a script with the next free version to the component's folder of
 * every database and name it here. A released script never changes: its checksum is recorded
 * where it was applied, and a different one fails the migration. Write it to be safe when run
 * twice: H2 commits each DDL statement, so a script that stopped halfway runs again in full.
 */
enum SchemaComponent {

    /**
     * {@link JdbcDeliveryStore}: messages, deliveries, attempts, the shared endpoint health, the leases;
     * since V6, idempotency keys; since V7, the ordering keys; since V9, the index claims by endpoint read; since V10, the tenant of messages and deliveries.
     */
    DELIVERIES("deliveries", "cactus_webhook_messages", "V1__deliveries", "V3__message_trace_context",
            "V4__retention", "V6__idempotency", "V7__ordering",
            "V9__claim_by_endpoint", "V10__tenants"),
    /** {@link JdbcEndpointRegistry}: endpoints and their extra headers; since V5, who owns each endpoint; since V8, its ordering; since V11, its tenant. */
    ENDPOINTS("endpoints", "cactus_webhook_endpoints", "V2__endpoints", "V5__endpoint_source", "V8__endpoint_ordering",
            "V11__endpoint_tenants");

    private final String folder;
    private final String firstTable;
    private final List<SchemaScript> scripts;

    SchemaComponent(String folder, String firstTable, String... scripts) {
        this.folder = folder;
        this.firstTable = firstTable;
        this.scripts = Arrays.stream(scripts).map(s -> SchemaScript.of(folder, s)).toList();
    }

    /** The folder under each database's, and the name recorded in the history table. */
    String folder() {
        return folder;
    }

    /**
     * A table of the first script: present without a history row, it shows a schema created before
     * versioned scripts (0.1's idempotent DDL), which the migrator then adopts.
     */
    String firstTable() {
        return firstTable;
    }

    /** The scripts, in version order. */
    List<SchemaScript> scripts() {
        return scripts;
    }

    /** The newest version this library has for the component. */
    int latestVersion() {
        return scripts.get(scripts.size() - 1).version();
    }
}
