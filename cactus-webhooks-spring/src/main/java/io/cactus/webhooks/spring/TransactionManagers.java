package io.cactus.webhooks.spring;

import java.lang.reflect.Method;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;

/**
 * Checks at startup that the application's transaction manager and the webhook store use one
 * DataSource: otherwise an event published in a transaction would be written outside it, and a
 * rollback would not take it back.
 */
final class TransactionManagers {

    private TransactionManagers() {
    }

    /**
     * @param manager the application's single transaction manager, or null when it has none or several
     * @param storeDataSource the DataSource the webhook store writes to
     * @throws IllegalStateException if the manager manages another DataSource
     */
    static void checkManages(@Nullable PlatformTransactionManager manager, DataSource storeDataSource) {
        if (manager == null) {
            return;
        }
        DataSource managed = managedDataSource(manager);
        if (managed != null && unwrap(managed) != unwrap(storeDataSource)) {
            throw new IllegalStateException("The transaction manager " + manager.getClass().getSimpleName()
                    + " manages another DataSource than the webhook store writes to, so an event published in a"
                    + " transaction would not commit or roll back with it. Give the store the transaction"
                    + " manager's DataSource (a DeliveryStore bean built with JdbcDeliveryStore.builder(dataSource)),"
                    + " or set cactus.webhooks.store=memory to publish after commit instead.");
        }
    }

    /** The DataSource a manager manages, if it says: JDBC's directly, JPA's and Hibernate's by getDataSource(). */
    private static @Nullable DataSource managedDataSource(PlatformTransactionManager manager) {
        if (manager instanceof ResourceTransactionManager resource && resource.getResourceFactory() instanceof DataSource ds) {
            return ds;
        }
        try {
            Method getter = manager.getClass().getMethod("getDataSource");
            return getter.invoke(manager) instanceof DataSource ds ? ds : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // JTA and others: nothing to compare
        }
    }

    private static DataSource unwrap(DataSource ds) {
        DataSource current = ds;
        while (current instanceof DelegatingDataSource delegating && delegating.getTargetDataSource() != null) {
            current = delegating.getTargetDataSource();
        }
        return current;
    }
}
