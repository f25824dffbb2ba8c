package io.cactus.dashboard.alerts;

import io.cactus.dashboard.domain.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class AlertRepository {

    private static final String COLUMNS = "id, kind, endpoint_id, delivery_id, message, raised_at, acknowledged_at";

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Alert insert(Alert.Kind kind, String endpointId, String deliveryId, String message, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO alerts (kind, endpoint_id, delivery_id, message, raised_at) VALUES (?, ?, ?, ?, ?)")
                .params(kind.name(), endpointId, deliveryId, message, Rows.toDb(now))
                .update(key, "id");
        return new Alert(key.getKey().longValue(), kind, endpointId, deliveryId, message, now, null);
    }

    long countOpen() {
        return jdbc.sql("SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL").query(Long.class).single();
    }

    /** Open ones first, then newest first. */
    List<Alert> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alerts ORDER BY CASE WHEN acknowledged_at IS NULL THEN 0 ELSE 1 END,"
                        + " raised_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .query(AlertRepository::map).list();
    }

    boolean acknowledge(long id, Instant now) {
        return jdbc.sql("UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL")
                .params(Rows.toDb(now), id).update() == 1;
    }

    int acknowledgeAll(Instant now) {
        return jdbc.sql("UPDATE alerts SET acknowledged_at = ? WHERE acknowledged_at IS NULL")
                .param(Rows.toDb(now)).update();
    }

    private static Alert map(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong("id"), Alert.Kind.valueOf(rs.getString("kind")), rs.getString("endpoint_id"),
                rs.getString("delivery_id"), rs.getString("message"), Rows.instant(rs, "raised_at"),
                Rows.instant(rs, "acknowledged_at"));
    }
}
