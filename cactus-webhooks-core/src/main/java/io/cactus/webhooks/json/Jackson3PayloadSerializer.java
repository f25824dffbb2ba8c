package io.cactus.webhooks.json;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link PayloadSerializer} on Jackson 3 ({@code tools.jackson.core:jackson-databind}). The
 * envelope's fields are written in the fixed order {@code type}, {@code timestamp}, {@code data};
 * the data goes through the mapper, so its modules, annotations and naming strategy apply.
 *
 * <p>The default mapper ({@link #Jackson3PayloadSerializer()}) writes the same bytes as the default
 * {@link JacksonPayloadSerializer} (Jackson 2) for the same event: Jackson 3's own defaults that
 * would change the output are set back to Jackson 2's (properties in declaration order, not sorted;
 * enums by {@code name()}; empty beans rejected; characters outside the Basic Multilingual Plane
 * escaped as a surrogate pair; {@code java.util.Date} with a {@code +00:00} offset), and every
 * {@code java.time} value, {@code Duration} included, is an ISO-8601 string.
 *
 * <p>With the application's own mapper ({@link #Jackson3PayloadSerializer(ObjectMapper)}, e.g.
 * Spring Boot 4's {@code JsonMapper} bean) its settings shape the data, and the bytes follow them.
 *
 * <p>A Jackson 2 {@code JsonNode} given as the event's data itself is written as that tree's JSON,
 * token by token, without loading Jackson 2 here.
 *
 * <p>Thread-safe (the mapper is immutable).
 */
public final class Jackson3PayloadSerializer implements PayloadSerializer {

    private static final String JACKSON2_TREE = "com.fasterxml.jackson.databind.JsonNode";

    private final ObjectMapper mapper;

    /** With a mapper configured to write what the default Jackson 2 serializer writes. */
    public Jackson3PayloadSerializer() {
        this(defaultMapper());
    }

    /**
     * With the application's own mapper, for its modules, naming strategy and other settings.
     *
     * @throws IllegalArgumentException if the mapper does not write JSON (an XML or CBOR mapper)
     */
    public Jackson3PayloadSerializer(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        if (!(mapper.tokenStreamFactory() instanceof JsonFactory)) {
            throw new IllegalArgumentException("the mapper writes " + mapper.tokenStreamFactory().getFormatName()
                    + ", not JSON");
        }
        this.mapper = mapper;
    }

    /**
     * The default mapper: Jackson 3's defaults, less those that would make its output differ from
     * the Jackson 2 default's ({@link JacksonPayloadSerializer}), which receivers saw first.
     */
    static JsonMapper defaultMapper() {
        return JsonMapper.builder()
                // Jackson 3 sorts properties alphabetically; Jackson 2 keeps declaration order.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Jackson 3 finds constructor parameter names, which puts creator properties first.
                .disable(MapperFeature.DETECT_PARAMETER_NAMES)
                // Jackson 3 derives "aBc" from getABc() for a field aBc; Jackson 2 derives "abc".
                .disable(MapperFeature.FIX_FIELD_NAME_UPPER_CASE_PREFIX)
                // Jackson 3 writes a getter returning Void as a null property; Jackson 2 ignores it.
                .disable(MapperFeature.ALLOW_VOID_VALUED_PROPERTIES)
                // Jackson 3 writes {} for a bean without properties; Jackson 2 refuses it.
                .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Jackson 3 writes enums with toString(); Jackson 2 with name().
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                // Jackson 3 writes a UTC java.util.Date with "Z"; Jackson 2 with "+00:00".
                .enable(DateTimeFeature.WRITE_UTC_AS_OFFSET)
                // Already Jackson 3's defaults; ISO-8601 strings, as the Jackson 2 default is set up.
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // Jackson 3 writes an emoji as 4 UTF-8 bytes; Jackson 2 as an escaped surrogate pair.
                .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }

    @Override
    public byte[] serialize(WebhookEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("type", event.type().name());
            json.writeStringProperty("timestamp", Envelope.timestamp(event));
            json.writeName("data");
            Object data = event.data();
            if (Envelope.isA(data, JACKSON2_TREE)) {
                copy(data.toString(), json);
            } else {
                mapper.writeValue(json, data);
            }
            json.writeEndObject();
        } catch (RuntimeException e) {
            throw Envelope.failure(event, e);
        }
        return out.toByteArray();
    }

    /** Writes JSON text token by token, numbers as they are written there. */
    private void copy(String text, JsonGenerator json) {
        try (JsonParser in = mapper.createParser(text)) {
            for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                switch (token) {
                    case START_OBJECT -> json.writeStartObject();
                    case END_OBJECT -> json.writeEndObject();
                    case START_ARRAY -> json.writeStartArray();
                    case END_ARRAY -> json.writeEndArray();
                    case PROPERTY_NAME -> json.writeName(in.currentName());
                    case VALUE_STRING -> json.writeString(in.getString());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.writeNumber(in.getString());
                    case VALUE_TRUE -> json.writeBoolean(true);
                    case VALUE_FALSE -> json.writeBoolean(false);
                    case VALUE_NULL -> json.writeNull();
                    default -> throw new IllegalStateException("unexpected token " + token);
                }
            }
        }
    }
}
