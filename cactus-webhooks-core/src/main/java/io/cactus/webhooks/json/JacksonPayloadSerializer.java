package io.cactus.webhooks.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link PayloadSerializer} on Jackson 2 ({@code com.fasterxml.jackson.core:jackson-databind},
 * with {@code jackson-datatype-jsr310} for the default mapper). The envelope's fields are written
 * in the fixed order {@code type}, {@code timestamp}, {@code data}; the data goes through the given
 * {@link ObjectMapper}, so its modules and annotations apply.
 *
 * <p>The default mapper writes {@code java.time} values, {@code Duration} included, as ISO-8601
 * strings, and writes the same bytes as the default {@link Jackson3PayloadSerializer}.
 * {@link PayloadSerializers#detect()} takes this one when Jackson 3 is absent.
 *
 * <p>A Jackson 3 {@code JsonNode} given as the event's data itself is written as that tree's JSON,
 * token by token, without loading Jackson 3 here.
 *
 * <p>Thread-safe.
 */
public final class JacksonPayloadSerializer implements PayloadSerializer {

    private static final String JACKSON3_TREE = "tools.jackson.databind.JsonNode";

    private final ObjectMapper mapper;

    /** With a mapper that writes {@code java.time} values as ISO-8601 strings. */
    public JacksonPayloadSerializer() {
        this(JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build());
    }

    /** With the application's own mapper, for its modules and naming strategy. */
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
            json.writeStringField("timestamp", Envelope.timestamp(event));
            json.writeFieldName("data");
            Object data = event.data();
            if (Envelope.isA(data, JACKSON3_TREE)) {
                copy(data.toString(), json);
            } else {
                mapper.writeValue(json, data);
            }
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw Envelope.failure(event, e);
        }
    }

    /** Writes JSON text token by token, numbers as they are written there. */
    private void copy(String text, JsonGenerator json) throws IOException {
        try (JsonParser in = mapper.getFactory().createParser(text)) {
            for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                switch (token) {
                    case START_OBJECT -> json.writeStartObject();
                    case END_OBJECT -> json.writeEndObject();
                    case START_ARRAY -> json.writeStartArray();
                    case END_ARRAY -> json.writeEndArray();
                    case FIELD_NAME -> json.writeFieldName(in.currentName());
                    case VALUE_STRING -> json.writeString(in.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.writeNumber(in.getText());
                    case VALUE_TRUE -> json.writeBoolean(true);
                    case VALUE_FALSE -> json.writeBoolean(false);
                    case VALUE_NULL -> json.writeNull();
                    default -> throw new IllegalStateException("unexpected token " + token);
                }
            }
        }
    }
}
