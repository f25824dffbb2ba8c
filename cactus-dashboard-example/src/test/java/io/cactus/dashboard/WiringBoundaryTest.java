package io.cactus.dashboard;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.cactus.webhooks.signing.VerifiedWebhook;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The example is the code people copy, so it uses the library the way users should: through the
 * facade ({@code Webhooks.reader()}, {@code Webhooks.admin()}, the adapter's beans), never by
 * reaching for, or downcasting to, the store and registry behind it; its domain services hold no
 * webhook code; and its demo receiver leaves verification to the adapter's filter. Each rule has a
 * positive control: a fixture that breaks it, which the rule must catch.
 */
class WiringBoundaryTest {

    /** The store and registry implementations, and the SPI they implement: the facade's business. */
    private static final DescribedPredicate<JavaClass> STORE_OR_REGISTRY = describe(
            "a store or endpoint registry implementation, or their SPI",
            c -> c.getPackageName().startsWith("io.cactus.webhooks.jdbc")
                    || Set.of("io.cactus.webhooks.delivery.InMemoryDeliveryStore",
                            "io.cactus.webhooks.endpoint.StaticEndpointRegistry",
                            "io.cactus.webhooks.spi.DeliveryStore",
                            "io.cactus.webhooks.spi.TransactionalDeliveryStore",
                            "io.cactus.webhooks.spi.EndpointRegistry",
                            "io.cactus.webhooks.spi.EditableEndpointRegistry").contains(c.getName()));

    static final ArchRule NO_STORE_OR_REGISTRY = noClasses().that().resideInAPackage("io.cactus.dashboard..")
            .should().dependOnClassesThat(STORE_OR_REGISTRY)
            .because("the example goes through Webhooks.reader() and Webhooks.admin(), never a downcast to"
                    + " JdbcEndpointRegistry or a store");

    static final ArchRule DOMAIN_WITHOUT_WEBHOOK_CODE = noClasses()
            .that().resideInAnyPackage("io.cactus.dashboard.clients..", "io.cactus.dashboard.portfolios..",
                    "io.cactus.dashboard.notifications..", "io.cactus.dashboard.users..")
            .should().dependOnClassesThat().resideInAPackage("io.cactus.webhooks..")
            .because("the domain publishes plain domain events (io.cactus.dashboard.events);"
                    + " @PublishAsWebhook on those records makes them webhooks");

    static final ArchRule RECEIVER_WITHOUT_VERIFICATION = noClasses()
            .that().haveSimpleNameEndingWith("ReceiverController")
            .should().dependOnClassesThat(describe("signing other than VerifiedWebhook",
                    c -> c.getPackageName().equals("io.cactus.webhooks.signing")
                            && !c.isEquivalentTo(VerifiedWebhook.class)))
            .because("the adapter's WebhookVerificationFilter verifies; the controller reads its VerifiedWebhook");

    @Test
    void theExampleUsesTheFacadeItsDomainIsFreeOfWebhooksAndTheReceiverLeavesVerificationToTheFilter() {
        JavaClasses example = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cactus.dashboard");
        assertThat(example.contain("io.cactus.dashboard.webhooks.WebhookAdminService")).isTrue();
        assertThat(example.contain("io.cactus.dashboard.demo.DemoReceiverController")).isTrue();
        assertThat(example.contain("io.cactus.dashboard.clients.ClientService")).isTrue();

        NO_STORE_OR_REGISTRY.check(example);
        DOMAIN_WITHOUT_WEBHOOK_CODE.check(example);
        RECEIVER_WITHOUT_VERIFICATION.check(example);
    }

    @Test
    void theRulesSeeADowncastWebhookCodeInTheDomainAndVerificationInAReceiver() {
        assertThat(NO_STORE_OR_REGISTRY.evaluate(new ClassFileImporter().importClasses(DowncastsTheRegistry.class))
                .hasViolation()).as("a downcast to JdbcEndpointRegistry").isTrue();
        assertThat(NO_STORE_OR_REGISTRY.evaluate(new ClassFileImporter().importClasses(UsesTheRegistrySpi.class))
                .hasViolation()).as("the registry SPI").isTrue();
        assertThat(DOMAIN_WITHOUT_WEBHOOK_CODE.evaluate(new ClassFileImporter()
                .importClasses(io.cactus.dashboard.clients.PublishesItself.class)).hasViolation())
                .as("a domain class that publishes a webhook").isTrue();
        assertThat(RECEIVER_WITHOUT_VERIFICATION.evaluate(new ClassFileImporter()
                .importClasses(VerifyingReceiverController.class)).hasViolation())
                .as("a receiver that verifies itself").isTrue();
    }

    /** Positive control: what the example used to do to save an endpoint. */
    static final class DowncastsTheRegistry {
        void save(io.cactus.webhooks.Webhooks webhooks, Object registry, io.cactus.webhooks.endpoint.Endpoint e) {
            ((io.cactus.webhooks.jdbc.JdbcEndpointRegistry) registry).save(e);
        }
    }

    /** Positive control: the registry behind the facade. */
    static final class UsesTheRegistrySpi {
        boolean exists(io.cactus.webhooks.spi.EndpointRegistry registry) {
            return registry.find("demo").isPresent();
        }
    }

    /** Positive control: a receiver with its own verification. */
    static final class VerifyingReceiverController {
        void receive(io.cactus.webhooks.signing.WebhookVerifier verifier) {
            verifier.toString();
        }
    }
}
