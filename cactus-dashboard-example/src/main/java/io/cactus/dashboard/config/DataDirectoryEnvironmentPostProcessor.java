package io.cactus.dashboard.config;

import java.nio.file.Path;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Adds {@value DataDirectory#PROPERTY} (and {@value DataDirectory#HOME}) to the Environment, as the
 * lowest-precedence source, resolved by {@link DataDirectory} when read: so a {@code CACTUS_DATA_DIR}
 * given later (a test's {@code @DynamicPropertySource}) is still taken. Registered in
 * {@code META-INF/spring.factories}; runs for a start and for {@code --validate} alike.
 */
@NullMarked
public class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Resolved(environment, DataDirectory.home()));
    }

    private static final class Resolved extends PropertySource<Path> {

        private final ConfigurableEnvironment environment;

        Resolved(ConfigurableEnvironment environment, Path home) {
            super("cactusDataDirectory", home);
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (DataDirectory.PROPERTY.equals(name)) {
                return DataDirectory.resolve(environment.getProperty(DataDirectory.CONFIGURED), getSource()).toString();
            }
            if (DataDirectory.HOME.equals(name)) {
                return getSource().toString();
            }
            return null;
        }
    }
}
