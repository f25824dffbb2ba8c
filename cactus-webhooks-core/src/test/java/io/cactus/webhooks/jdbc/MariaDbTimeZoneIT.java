package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instants are stored as UTC in DATETIME(6) and come back exactly, to the microsecond, whatever the
 * time zone of the server ({@value MariaDbServer#SERVER_TIME_ZONE}), of the session and of the JVM:
 * also in the hour that a daylight-saving change repeats, and after 2038.
 */
class MariaDbTimeZoneIT {

    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-03-29T01:30:00.123456Z"), // Europe skips 02:00-03:00 local
            Instant.parse("2026-10-25T00:30:00.654321Z"), // ...and repeats 02:00-03:00 local: 00:30Z
            Instant.parse("2026-10-25T01:30:00.654321Z"), // and 01:30Z are both 02:30 in Berlin
            Instant.parse("2040-06-01T12:00:00.000001Z"), // past TIMESTAMP's 2038
            Instant.parse("1999-12-31T23:59:59.999999Z"));
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private String database;

    @BeforeEach
    void createDatabase() {
        database = MariaDbServer.newDatabase();
    }

    @Test
    void instantsRoundTripToTheMicrosecondAndAreStoredAsUtcWhateverTheTimeZones() throws SQLException {
        DataSource dataSource = MariaDbServer.dataSource(database);
        JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build();
        assertThat(query(dataSource, "SELECT @@global.time_zone")).isEqualTo(MariaDbServer.SERVER_TIME_ZONE);

        TimeZone jvm = TimeZone.getDefault();
        int n = 0;
        try {
            for (String zone : List.of("UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                DataSource node = MariaDbServer.dataSource(database); // new connections in this JVM zone
                for (Instant at : INSTANTS) {
                    String id = "msg-" + n++;
                    JdbcDeliveryStore store = JdbcDeliveryStore.builder(node).clock(Clock.fixed(at, ZoneOffset.UTC))
                            .build();
                    store.enqueue(List.of(new OutboundMessage(new WebhookMessage(id, EventType.of("client.created"),
                            at, "{}".getBytes(StandardCharsets.UTF_8)), List.of("ep-a"))));

                    assertThat(store.message(id).orElseThrow().timestamp()).as(zone + " " + at).isEqualTo(at);
                    assertThat(store.query(io.cactus.webhooks.spi.DeliveryQuery.all().page(0, 1000)))
                            .filteredOn(d -> d.messageId().equals(id)).singleElement()
                            .satisfies(d -> assertThat(d.createdAt()).isEqualTo(at))
                            .satisfies(d -> assertThat(d.nextAttemptAt()).isEqualTo(at));
                    assertThat(stored(node, id, "+00:00")).as("as UTC wall-clock time").isEqualTo(STORED.format(at));
                    assertThat(stored(node, id, "-08:00")).as("a session's time zone changes nothing")
                            .isEqualTo(STORED.format(at));
                }
            }
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    private static String stored(DataSource dataSource, String id, String sessionZone) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET time_zone = '" + sessionZone + "'");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT CAST(created_at AS CHAR) FROM cactus_webhook_messages WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }

    private static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
