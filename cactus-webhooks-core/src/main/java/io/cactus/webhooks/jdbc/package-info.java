/**
 * Stores and the endpoint registry on a JDBC {@link javax.sql.DataSource}.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.jdbc;

import org.jspecify.annotations.NullMarked;
