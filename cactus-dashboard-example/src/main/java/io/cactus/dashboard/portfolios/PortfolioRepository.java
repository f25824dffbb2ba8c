package io.cactus.dashboard.portfolios;

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
class PortfolioRepository {

    private static final String COLUMNS = "id, client_id, name, currency, created_at, updated_at";

    private final JdbcClient jdbc;

    PortfolioRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Portfolio insert(long clientId, String name, String currency, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO portfolios (client_id, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(clientId, name, currency, Rows.toDb(now), Rows.toDb(now))
                .update(key, "id");
        return new Portfolio(key.getKey().longValue(), clientId, name, currency, now, now);
    }

    /** @return the updated portfolio, or empty if there is none with this id */
    Optional<Portfolio> update(long id, long clientId, String name, String currency, Instant now) {
        int rows = jdbc.sql("UPDATE portfolios SET client_id = ?, name = ?, currency = ?, updated_at = ? WHERE id = ?")
                .params(clientId, name, currency, Rows.toDb(now), id)
                .update();
        return rows == 0 ? Optional.empty() : find(id);
    }

    Optional<Portfolio> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM portfolios WHERE id = ?").param(id)
                .query(PortfolioRepository::map).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM portfolios WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    List<Portfolio> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM portfolios ORDER BY id").query(PortfolioRepository::map).list();
    }

    private static Portfolio map(ResultSet rs, int row) throws SQLException {
        return new Portfolio(rs.getLong("id"), rs.getLong("client_id"), rs.getString("name"),
                rs.getString("currency"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
