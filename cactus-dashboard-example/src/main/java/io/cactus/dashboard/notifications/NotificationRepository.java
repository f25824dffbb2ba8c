package io.cactus.dashboard.notifications;

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
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Notification insert(long clientId, String channel, String message, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notifications (client_id, channel, message, sent_at) VALUES (?, ?, ?, ?)")
                .params(clientId, channel, message, Rows.toDb(now))
                .update(key, "id");
        return new Notification(key.getKey().longValue(), clientId, channel, message, now);
    }

    List<Notification> findAll() {
        return jdbc.sql("SELECT id, client_id, channel, message, sent_at FROM notifications ORDER BY id")
                .query(NotificationRepository::map).list();
    }

    private static Notification map(ResultSet rs, int row) throws SQLException {
        return new Notification(rs.getLong("id"), rs.getLong("client_id"), rs.getString("channel"),
                rs.getString("message"), Rows.instant(rs, "sent_at"));
    }
}
