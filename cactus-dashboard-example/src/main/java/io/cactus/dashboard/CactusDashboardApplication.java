package io.cactus.dashboard;

import io.cactus.dashboard.validate.ConfigurationValidator;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** CactusDashboard: a client and portfolio dashboard that sends its changes as signed webhooks. */
@SpringBootApplication
public class CactusDashboardApplication {

    public static void main(String[] args) {
        if (ConfigurationValidator.requested(args)) {
            // check the configuration and exit, without starting the web server or the dispatcher
            System.exit(ConfigurationValidator.run(System.out, args));
        }
        SpringApplication.run(CactusDashboardApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
