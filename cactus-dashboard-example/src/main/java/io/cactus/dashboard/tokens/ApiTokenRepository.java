package io.cactus.dashboard.tokens;

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

/** The {@code api_tokens} table (V3__api_tokens.sql). Tokens are found by hash, through its unique index. */
@Repository
class ApiTokenRepository {

    private static final String COLUMNS = "id, name, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiToken insert(String name, String tokenHash, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_tokens (name, token_hash, created_at, revoked) VALUES (?, ?, ?, FALSE)")
                .params(name, tokenHash, Rows.toDb(now))
                .update(key, "id");
        Number id = key.getKey();
        if (id == null) {
            throw new IllegalStateException("the database returned no id for the new API token");
        }
        return new ApiToken(id.longValue(), name, now, null, null);
    }

    Optional<ApiToken> findByHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?")
                .param(tokenHash).query(ApiTokenRepository::map).optional();
    }

    Optional<ApiToken> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?")
                .param(id).query(ApiTokenRepository::map).optional();
    }

    /** Active ones first, then newest first. */
    List<ApiToken> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens ORDER BY revoked, created_at DESC, id DESC")
                .query(ApiTokenRepository::map).list();
    }

    /** Sets last-used unless another request (on any node) already moved it past {@code staleBefore}. */
    void touch(long id, Instant now, Instant staleBefore) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND revoked = FALSE"
                        + " AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(Rows.toDb(now), id, Rows.toDb(staleBefore)).update();
    }

    boolean revoke(long id, Instant now) {
        return jdbc.sql("UPDATE api_tokens SET revoked = TRUE, revoked_at = ? WHERE id = ? AND revoked = FALSE")
                .params(Rows.toDb(now), id).update() == 1;
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        Instant created = Rows.instant(rs, "created_at");
        if (created == null) {
            throw new IllegalStateException("api_tokens.created_at is null for id " + rs.getLong("id"));
        }
        return new ApiToken(rs.getLong("id"), rs.getString("name"), created, Rows.instant(rs, "last_used_at"),
                Rows.instant(rs, "revoked_at"));
    }
}
