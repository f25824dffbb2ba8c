package io.cactus.webhooks.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
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
 * <p>A Jackson 3 {@code JsonNode} is written as the JSON it holds, token by token: when it is the
 * event's data itself, with any mapper; anywhere inside the data, with the default mapper (which
 * registers a serializer for it when Jackson 3 is on the classpath). Jackson 3 is never needed.
 *
 * <p>Thread-safe.
 */
public final class JacksonPayloadSerializer implements PayloadSerializer {

    private static final String JACKSON3_TREE = "tools.jackson.databind.JsonNode";

    private static final JsonFactory TREE_TEXT = new JsonFactory();

    private final ObjectMapper mapper;

    /** With a mapper that writes {@code java.time} values as ISO-8601 strings. */
    public JacksonPayloadSerializer() {
        this(defaultMapper());
    }

    static JsonMapper defaultMapper() {
        SimpleModule jackson3Trees = new SimpleModule("cactus-jackson3-trees");
        Class<?> jackson3Tree = Envelope.classIfPresent(JACKSON3_TREE, JacksonPayloadSerializer.class);
        if (jackson3Tree != null) {
            jackson3Trees.addSerializer(new ForeignTreeSerializer(jackson3Tree));
        }
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(jackson3Trees)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
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
            json.writeStringField("timestamp", Envelope.timestamp(event));
            json.writeFieldName("data");
            Object data = event.data();
            if (Envelope.isA(data, JACKSON3_TREE)) {
                copyTree(data, json);
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

    /**
     * Writes a tree of the other Jackson from its JSON text ({@code toString()}), token by token, so
     * that strings are escaped as this generator escapes them and numbers keep their digits.
     */
    static void copyTree(Object tree, JsonGenerator json) throws IOException {
        try (JsonParser in = TREE_TEXT.createParser(tree.toString())) {
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

    /** Writes a Jackson 3 tree found anywhere in the data, through {@link #copyTree}. */
    private static final class ForeignTreeSerializer extends StdSerializer<Object> {

        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unchecked")
        ForeignTreeSerializer(Class<?> treeType) {
            super((Class<Object>) treeType);
        }

        @Override
        public void serialize(Object value, JsonGenerator json, SerializerProvider provider) throws IOException {
            copyTree(value, json);
        }
    }
}
