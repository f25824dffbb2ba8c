package io.cactus.dashboard.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the app's {@code @Scheduled} methods: the overview chart's sampling of the webhook meters. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
