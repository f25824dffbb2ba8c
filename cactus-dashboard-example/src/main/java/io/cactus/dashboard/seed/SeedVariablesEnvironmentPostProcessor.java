package io.cactus.dashboard.seed;

import io.cactus.dashboard.validate.ConfigurationValidator;
import io.cactus.webhooks.spring.InvalidWebhookPropertyException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Maps the {@link SeedVariables} onto {@code cactus.webhooks.*} properties before any bean is
 * made, after the configuration files are loaded (it runs last). A bad value stops the start with
 * an {@link InvalidWebhookPropertyException} naming the variable, which Boot reports as any bad
 * webhook property; under {@code --validate} it is left to the report instead.
 *
 * <p>Registered in {@code META-INF/spring.factories}. Values that tests give through
 * {@code @DynamicPropertySource} arrive after it ran: tests set the variables as
 * {@code @SpringBootTest(properties = ...)}.
 */
public class SeedVariablesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<InvalidWebhookPropertyException> problems = SeedVariables.apply(environment);
        if (!problems.isEmpty() && !ConfigurationValidator.isValidation(application)) {
            throw problems.get(0);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
