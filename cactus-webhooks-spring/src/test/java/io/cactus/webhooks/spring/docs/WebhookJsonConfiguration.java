package io.cactus.webhooks.spring.docs;

// tag::serializer[]
import io.cactus.webhooks.json.PayloadSerializers;
import io.cactus.webhooks.spi.PayloadSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookJsonConfiguration {

    /** The library's own JSON default instead of the application's JsonMapper. */
    @Bean
    PayloadSerializer webhookPayloadSerializer() {
        return PayloadSerializers.detect(); // or new Jackson3PayloadSerializer(), or your own
    }
}
// end::serializer[]
