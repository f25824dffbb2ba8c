package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointAuth;
import io.cactus.webhooks.endpoint.EndpointSource;
import io.cactus.webhooks.endpoint.EventFilter;
import io.cactus.webhooks.signing.HeaderStyle;
import io.cactus.webhooks.signing.WebhookSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link Endpoint} maps to its row: filters and secrets as space-separated text (neither
 * can contain a space), auth as a type and two fields, extra headers in a child table.
 */
final class EndpointRows {

    static final String ENDPOINTS = "cactus_webhook_endpoints";
    static final String HEADERS = "cactus_webhook_endpoint_headers";

    static final String COLUMNS = "url, filters, enabled, secrets, auth_type, auth_name, auth_value, header_style,"
            + " max_in_flight, rate_limit_per_second, updated_at, source, source_origin, configured_enabled, ordering,"
            + " tenant_id";

    /** The parameters of {@link #INSERT}: {@link #COLUMNS}, then the id. */
    static final int PARAMETERS = 17;

    static final String INSERT = "INSERT INTO " + ENDPOINTS + " (" + COLUMNS + ", id) VALUES ("
            + Jdbc.placeholders(PARAMETERS) + ")";

    /**
     * Insert or replace in one statement, with the parameters of {@link #INSERT}: PostgreSQL's
     * {@code ON CONFLICT}, MariaDB's and MySQL's {@code ON DUPLICATE KEY UPDATE}, H2's
     * {@code MERGE ... KEY} (in every H2 mode). The statement locks the row, so a concurrent save of
     * the same endpoint waits for this one's commit before it touches the headers.
     */
    static String upsert(JdbcDialect dialect) {
        if (dialect == JdbcDialect.POSTGRESQL) {
            return INSERT + " ON CONFLICT (id) DO UPDATE SET " + assignments(column -> "EXCLUDED." + column);
        }
        if (dialect == JdbcDialect.MARIADB) {
            // VALUES(column): MySQL 8.0.20+ deprecates it for a row alias, which MariaDB does not have
            return INSERT + " ON DUPLICATE KEY UPDATE " + assignments(column -> "VALUES(" + column + ")");
        }
        return "MERGE INTO " + ENDPOINTS + " (" + COLUMNS + ", id) KEY (id) VALUES (" + Jdbc.placeholders(PARAMETERS)
                + ")";
    }

    private static String assignments(java.util.function.UnaryOperator<String> newValue) {
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            set.append(set.length() == 0 ? "" : ", ").append(column).append(" = ").append(newValue.apply(column));
        }
        return set.toString();
    }

    static final String DELETE_HEADERS = "DELETE FROM " + HEADERS + " WHERE endpoint_id = ?";
    static final String INSERT_HEADER = "INSERT INTO " + HEADERS
            + " (endpoint_id, header_index, header_name, header_value) VALUES (?, ?, ?, ?)";
    static final String DELETE = "DELETE FROM " + ENDPOINTS + " WHERE id = ?";
    /**
     * The stored owner of an endpoint, its row locked until the transaction ends: a save, delete or
     * configuration sync of the same endpoint on another node waits, so the check and the write
     * that follows it see the same row.
     */
    static final String LOCK = "SELECT enabled, source, source_origin, configured_enabled, tenant_id FROM " + ENDPOINTS
            + " WHERE id = ? FOR UPDATE";
    static final String CONFIGURED_IDS = "SELECT id, source_origin FROM " + ENDPOINTS
            + " WHERE source = 'CONFIGURATION' ORDER BY id";
    /** Hands an endpoint no longer in the configuration over to runtime, settings unchanged. */
    static final String RELEASE = "UPDATE " + ENDPOINTS + " SET source = 'RUNTIME', source_origin = NULL,"
            + " configured_enabled = NULL, updated_at = ? WHERE id = ? AND source = 'CONFIGURATION'";
    static final String SET_ENABLED = "UPDATE " + ENDPOINTS + " SET enabled = ?, updated_at = ? WHERE id = ?";
    /** One statement, so endpoints and their headers are read consistently. */
    static final String LOAD = load("");

    /** Tenants: one tenant's endpoints, read with the tenant in the statement. */
    static final String LOAD_TENANT = load(" WHERE e.tenant_id = ?");

    /** Tenants: one endpoint of one tenant. */
    static final String LOAD_ONE_OF_TENANT = load(" WHERE e.id = ? AND e.tenant_id = ?");

    private static String load(String where) {
        return "SELECT e.id, e." + COLUMNS.replace(", ", ", e.") + ", h.header_name, h.header_value"
                + " FROM " + ENDPOINTS + " e LEFT JOIN " + HEADERS + " h ON h.endpoint_id = e.id" + where
                + " ORDER BY e.id, h.header_index";
    }

    private EndpointRows() {
    }

    /** The stored form of an endpoint's variable parts, checked against the column widths. */
    record Row(String url, String filters, String secrets, String authType, @Nullable String authName,
            @Nullable String authValue) {

        static Row of(Endpoint e) {
            String url = e.url().toString();
            check(url.length() <= 2048, e, "url is longer than 2048 characters");
            String filters = join(e.filters().stream().map(EventFilter::pattern).toList());
            check(filters.length() <= 4000, e, "filters take more than 4000 characters");
            String secrets = join(e.secrets().stream().map(WebhookSecret::encoded).toList());
            check(secrets.length() <= 2000, e, "too many secrets (more than 2000 characters stored)");
            String type;
            String name = null;
            String value = null;
            EndpointAuth auth = e.auth();
            if (auth instanceof EndpointAuth.Basic b) {
                type = "BASIC";
                name = b.username();
                value = b.password();
            } else if (auth instanceof EndpointAuth.Bearer b) {
                type = "BEARER";
                value = b.token();
            } else if (auth instanceof EndpointAuth.Header h) {
                type = "HEADER";
                name = h.name();
                value = h.value();
            } else {
                type = "NONE";
            }
            check(name == null || name.length() <= 255, e, "auth name is longer than 255 characters");
            check(value == null || value.length() <= 4000, e, "auth credential is longer than 4000 characters");
            for (Map.Entry<String, String> h : e.headers().entrySet()) {
                check(h.getKey().length() <= 255 && h.getValue().length() <= 4000, e,
                        "header '" + h.getKey() + "' is longer than 255 characters or its value than 4000");
            }
            return new Row(url, filters, secrets, type, name, value);
        }

        private static void check(boolean ok, Endpoint e, String problem) {
            if (!ok) {
                throw new IllegalArgumentException("endpoint '" + e.id() + "' cannot be stored: " + problem);
            }
        }
    }

    static EndpointAuth auth(String type, String name, String value) {
        return switch (type) {
            case "BASIC" -> EndpointAuth.basic(name, value);
            case "BEARER" -> EndpointAuth.bearer(value);
            case "HEADER" -> EndpointAuth.header(name, value);
            default -> EndpointAuth.NONE;
        };
    }

    static List<EventFilter> filters(String text) {
        List<EventFilter> result = new ArrayList<>();
        for (String p : text.split(" ")) {
            if (!p.isEmpty()) {
                result.add(EventFilter.of(p));
            }
        }
        return result;
    }

    static List<WebhookSecret> secrets(String text) {
        List<WebhookSecret> result = new ArrayList<>();
        for (String s : text.split(" ")) {
            if (!s.isEmpty()) {
                result.add(WebhookSecret.parse(s));
            }
        }
        return result;
    }

    /** The stored owner; an unknown kind is not a valid endpoint. */
    static EndpointSource source(String kind, @Nullable String origin) {
        return switch (kind) {
            case "RUNTIME" -> EndpointSource.RUNTIME;
            case "CONFIGURATION" -> EndpointSource.configuration(origin == null ? "configuration" : origin);
            default -> throw new IllegalArgumentException("unknown source '" + kind + "'");
        };
    }

    static HeaderStyle headerStyle(String text) {
        return HeaderStyle.valueOf(text);
    }

    private static String join(List<String> parts) {
        return String.join(" ", parts);
    }
}
