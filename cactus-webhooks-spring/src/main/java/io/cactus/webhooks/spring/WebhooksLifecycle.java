package io.cactus.webhooks.spring;

import io.cactus.webhooks.Webhooks;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the dispatcher when the application context starts and stops it gracefully when the
 * context stops: attempts under way finish (up to {@code cactus.webhooks.shutdown-timeout}), the
 * rest is handed back to the store for the next start or another node.
 *
 * <p>Phase 0: it starts before and stops after the embedded web server, so requests arriving
 * during a graceful web shutdown can still publish. {@link #stop()} blocks as
 * {@link Webhooks#stop()} does. Thread-safe.
 */
public class WebhooksLifecycle implements SmartLifecycle {

    private final Webhooks webhooks;

    /**
     * The lifecycle of one instance.
     *
     * @param webhooks the instance to start and stop
     */
    public WebhooksLifecycle(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void start() {
        webhooks.start();
    }

    @Override
    public void stop() {
        webhooks.stop();
    }

    @Override
    public boolean isRunning() {
        return webhooks.isRunning();
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
