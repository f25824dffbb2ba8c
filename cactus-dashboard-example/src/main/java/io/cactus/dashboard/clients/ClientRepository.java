package io.cactus.dashboard.clients;

import io.cactus.dashboard.domain.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ClientRepository {

    private static final String COLUMNS = "id, name, email, created_at, updated_at";

    private final JdbcClient jdbc;

    ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Client insert(String name, String email, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO clients (name, email, created_at, updated_at) VALUES (?, ?, ?, ?)")
                .params(name, email, Rows.toDb(now), Rows.toDb(now))
                .update(key, "id");
        return new Client(key.getKey().longValue(), name, email, now, now);
    }

    /** @return the updated client, or empty if there is none with this id */
    Optional<Client> update(long id, String name, String email, Instant now) {
        int rows = jdbc.sql("UPDATE clients SET name = ?, email = ?, updated_at = ? WHERE id = ?")
                .params(name, email, Rows.toDb(now), id)
                .update();
        return rows == 0 ? Optional.empty() : find(id);
    }

    Optional<Client> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clients WHERE id = ?").param(id).query(ClientRepository::map)
                .optional();
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM clients WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    List<Client> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clients ORDER BY id").query(ClientRepository::map).list();
    }

    private static Client map(ResultSet rs, int row) throws SQLException {
        return new Client(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
