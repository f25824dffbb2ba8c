package io.cactus.webhooks.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The default {@link PayloadSerializer}, on Jackson 2. The envelope's fields are written in the
 * fixed order {@code type}, {@code timestamp}, {@code data}; the data goes through the given
 * {@link ObjectMapper}, so its modules and annotations apply.
 *
 * <p>Thread-safe.
 */
public final class JacksonPayloadSerializer implements PayloadSerializer {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    /** With a mapper that writes {@code java.time} values as ISO-8601 strings. */
    public JacksonPayloadSerializer() {
        this(JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build());
    }

    /**
     * With the application's own mapper, for its modules and naming strategy. The envelope's
     * field names and timestamp format are fixed; the mapper writes the data.
     *
     * @param mapper the mapper; not modified, and thread-safe once configured, as Jackson's are
     * @throws NullPointerException if {@code mapper} is null
     */
    public JacksonPayloadSerializer(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public byte[] serialize(WebhookEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.setCodec(mapper);
            json.writeStartObject();
            json.writeStringField("type", event.type().name());
            json.writeStringField("timestamp", TIMESTAMP.format(event.timestamp()));
            json.writeFieldName("data");
            mapper.writeValue(json, event.data());
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new WebhookException("data of event " + event.id() + " (" + event.type()
                    + ") cannot be serialised to JSON: " + e.getClass().getSimpleName(), e);
        }
    }
}
