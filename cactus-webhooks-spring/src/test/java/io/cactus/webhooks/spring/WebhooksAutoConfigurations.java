package io.cactus.webhooks.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/** All of the adapter's auto-configurations, as an application gets them, for context runners. */
public final class WebhooksAutoConfigurations {

    private WebhooksAutoConfigurations() {
    }

    /** The adapter's auto-configurations (each still decides by its own conditions), plus {@code more}. */
    public static AutoConfigurations all(Class<?>... more) {
        List<Class<?>> classes = new ArrayList<>(List.of(CactusWebhooksAutoConfiguration.class,
                CactusWebhooksJacksonAutoConfiguration.class, CactusWebhooksMetricsAutoConfiguration.class,
                CactusWebhooksHealthAutoConfiguration.class, CactusWebhooksEndpointAutoConfiguration.class,
                CactusWebhooksReceiverAutoConfiguration.class, CactusWebhooksObservationAutoConfiguration.class,
                CactusWebhooksStartupLogAutoConfiguration.class));
        classes.addAll(List.of(more));
        return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
    }
}
