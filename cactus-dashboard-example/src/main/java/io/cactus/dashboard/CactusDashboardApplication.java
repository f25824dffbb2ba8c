package io.cactus.dashboard;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** CactusDashboard: a client and portfolio dashboard that sends its changes as signed webhooks. */
@SpringBootApplication
public class CactusDashboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(CactusDashboardApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
