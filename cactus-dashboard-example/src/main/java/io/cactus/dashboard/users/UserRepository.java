package io.cactus.dashboard.users;

import io.cactus.dashboard.domain.Rows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    User insert(String email, String name, String passwordHash, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(email, name, passwordHash, Rows.toDb(now))
                .update(key, "id");
        return new User(key.getKey().longValue(), email, name, now);
    }

    List<User> findAll() {
        return jdbc.sql("SELECT id, email, name, created_at FROM users ORDER BY id")
                .query((rs, row) -> new User(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                        Rows.instant(rs, "created_at")))
                .list();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email = ?").param(email).query(Long.class).single() > 0;
    }
}
