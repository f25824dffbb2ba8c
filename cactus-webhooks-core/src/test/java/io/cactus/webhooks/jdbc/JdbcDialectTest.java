package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which dialect a name or a driver's product name gives, and what the MariaDB dialect does differently. */
class JdbcDialectTest {

    @Test
    void mariaDbAndMySqlAreOneDialectByNameAndByProductName() throws SQLException {
        assertThat(JdbcDialect.named("MariaDB")).isEqualTo(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.named(" mysql ")).isEqualTo(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.detect(connectionTo("MariaDB"))).isEqualTo(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.detect(connectionTo("MySQL"))).isEqualTo(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.detect(connectionTo("H2"))).isEqualTo(JdbcDialect.H2);
        assertThat(JdbcDialect.detect(connectionTo("PostgreSQL"))).isEqualTo(JdbcDialect.POSTGRESQL);
        assertThat(JdbcDialect.MARIADB.scriptFolder()).isEqualTo("mariadb");
    }

    @Test
    void anUnknownDatabaseNamesTheSupportedOnes() {
        assertThatThrownBy(() -> JdbcDialect.detect(connectionTo("Oracle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MariaDB and MySQL");
        assertThatThrownBy(() -> JdbcDialect.named("oracle")).hasMessageContaining("'mariadb'");
    }

    @Test
    void onlyMariaDbTellsADuplicateKeyByItsErrorCode() {
        SQLException mariaDb = new SQLException("Duplicate entry", "23000", 1062);
        SQLException otherConstraint = new SQLException("Cannot add or update a child row", "23000", 1452);
        assertThat(JdbcDialect.MARIADB.isDuplicateKey(mariaDb)).isTrue();
        assertThat(JdbcDialect.MARIADB.isDuplicateKey(otherConstraint)).isFalse();
        assertThat(JdbcDialect.H2.isDuplicateKey(mariaDb)).isFalse();
        assertThat(JdbcDialect.POSTGRESQL.isDuplicateKey(new SQLException("dup", "23505"))).isTrue();
    }

    private static Connection connectionTo(String product) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(getClass0(),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName().equals("getDatabaseProductName")
                        ? product : null);
        return (Connection) Proxy.newProxyInstance(getClass0(), new Class<?>[] {Connection.class},
                (p, m, a) -> m.getName().equals("getMetaData") ? meta : null);
    }

    private static ClassLoader getClass0() {
        return JdbcDialectTest.class.getClassLoader();
    }
}
