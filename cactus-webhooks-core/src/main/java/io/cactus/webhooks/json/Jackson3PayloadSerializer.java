package io.cactus.webhooks.json;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AccessorNamingStrategy;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.DefaultAccessorNamingStrategy;
import tools.jackson.databind.introspect.DefaultAccessorNamingStrategy.BaseNameValidator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.ser.std.ToStringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PayloadSerializer} on Jackson 3 ({@code tools.jackson.core:jackson-databind}). The
 * envelope's fields are written in the fixed order {@code type}, {@code timestamp}, {@code data};
 * the data goes through the mapper, so its modules, annotations and naming strategy apply.
 *
 * <p>The default mapper ({@link #Jackson3PayloadSerializer()}) writes the same bytes as the default
 * {@link JacksonPayloadSerializer} (Jackson 2) for the same event: Jackson 3's own defaults that
 * would change the output are set back to Jackson 2's (properties in declaration order, not sorted;
 * {@code getURL()} named {@code url}; enums by {@code name()}; empty beans rejected; characters
 * outside the Basic Multilingual Plane escaped as a surrogate pair; {@code java.util.Date} with a
 * {@code +00:00} offset; {@code Year}, {@code Month}, {@code Locale} and {@code java.sql.Date} as
 * their {@code toString()}), and every {@code java.time} value, {@code Duration} included, is an
 * ISO-8601 string.
 *
 * <p>With the application's own mapper ({@link #Jackson3PayloadSerializer(ObjectMapper)}, e.g.
 * Spring Boot 4's {@code JsonMapper} bean) its settings shape the data, and the bytes follow them.
 *
 * <p>A Jackson 2 {@code JsonNode} is written as the JSON it holds, token by token: when it is the
 * event's data itself, with any mapper; anywhere inside the data, with the default mapper (which
 * registers a serializer for it when Jackson 2 is on the classpath). Jackson 2 is never needed.
 *
 * <p>Thread-safe (the mapper is immutable).
 */
public final class Jackson3PayloadSerializer implements PayloadSerializer {

    private static final String JACKSON2_TREE = "com.fasterxml.jackson.databind.JsonNode";

    private static final JsonFactory TREE_TEXT = new JsonFactory();

    private final ObjectMapper mapper;

    /** With a mapper configured to write what the default Jackson 2 serializer writes. */
    public Jackson3PayloadSerializer() {
        this(defaultMapper());
    }

    /**
     * With the application's own mapper, for its modules, naming strategy and other settings.
     *
     * @param mapper a JSON mapper; Jackson 3 mappers are immutable, so it can be shared
     * @throws NullPointerException if {@code mapper} is null
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
        SimpleModule jackson2Output = new SimpleModule("cactus-jackson2-output")
                .addSerializer(java.time.Year.class, ToStringSerializer.instance)
                .addSerializer(java.time.Month.class, ToStringSerializer.instance)
                .addSerializer(java.util.Locale.class, ToStringSerializer.instance)
                .addSerializer(java.sql.Date.class, ToStringSerializer.instance);
        Class<?> jackson2Tree = Envelope.classIfPresent(JACKSON2_TREE, Jackson3PayloadSerializer.class);
        if (jackson2Tree != null) {
            jackson2Output.addSerializer(new ForeignTreeSerializer(jackson2Tree));
        }
        return JsonMapper.builder()
                // Jackson 3 sorts properties alphabetically; Jackson 2 keeps declaration order.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Jackson 3 finds constructor parameter names, which puts creator properties first.
                .disable(MapperFeature.DETECT_PARAMETER_NAMES)
                // Jackson 3 derives "aBc" from getABc() for a field aBc; Jackson 2 derives "abc".
                .disable(MapperFeature.FIX_FIELD_NAME_UPPER_CASE_PREFIX)
                // Jackson 3 names getURL() "URL" (java.beans rules); Jackson 2 "url".
                .accessorNaming(new Jackson2Naming())
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
                // Jackson 3 writes Year and Month as numbers, Locale as a language tag ("de-CH") and
                // java.sql.Date as a date-time; Jackson 2 writes "2026", "MARCH", "de_CH", "2026-02-28".
                // And Jackson 2 trees inside the data are written as JSON, not as beans.
                .addModule(jackson2Output)
                .build();
    }

    /**
     * Jackson 2's property names for getters: every leading upper-case letter of the name after the
     * prefix is lowered ({@code getURL()} is {@code url}, {@code getABc()} is {@code abc}), where
     * Jackson 3 follows the java.beans rule and keeps {@code URL} and {@code ABc}.
     */
    private static final class Jackson2Naming extends DefaultAccessorNamingStrategy.Provider {

        private static final long serialVersionUID = 1L;

        @Override
        public AccessorNamingStrategy forPOJO(MapperConfig<?> config, AnnotatedClass valueClass) {
            return new DefaultAccessorNamingStrategy(config, valueClass, _setterPrefix, _getterPrefix,
                    _isGetterPrefix, _baseNameValidator) {
                @Override
                protected @Nullable String stdManglePropertyName(String basename, int offset) {
                    return jackson2Name(basename, offset, _baseNameValidator);
                }
            };
        }

        @Override
        public AccessorNamingStrategy forRecord(MapperConfig<?> config, AnnotatedClass recordClass) {
            if (config.isEnabled(MapperFeature.INFER_RECORD_GETTERS_FROM_COMPONENTS_ONLY)) {
                return super.forRecord(config, recordClass);
            }
            return new DefaultAccessorNamingStrategy.RecordNaming(config, recordClass) {
                @Override
                protected @Nullable String stdManglePropertyName(String basename, int offset) {
                    return jackson2Name(basename, offset, _baseNameValidator);
                }
            };
        }

        /** Jackson 2's {@code legacyManglePropertyName}. */
        static @Nullable String jackson2Name(String basename, int offset, @Nullable BaseNameValidator validator) {
            int end = basename.length();
            if (end == offset || validator != null && !validator.accept(basename.charAt(offset), basename, offset)) {
                return null;
            }
            StringBuilder name = new StringBuilder(end - offset);
            int i = offset;
            for (; i < end; i++) {
                char c = basename.charAt(i);
                char lower = Character.toLowerCase(c);
                if (c == lower) {
                    break;
                }
                name.append(lower);
            }
            return name.append(basename, i, end).toString();
        }
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
                copyTree(data, json);
            } else {
                mapper.writeValue(json, data);
            }
            json.writeEndObject();
        } catch (RuntimeException e) {
            throw Envelope.failure(event, e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a tree of the other Jackson from its JSON text ({@code toString()}), token by token, so
     * that strings are escaped as this generator escapes them and numbers keep their digits.
     */
    static void copyTree(Object tree, JsonGenerator json) {
        try (JsonParser in = TREE_TEXT.createParser(ObjectReadContext.empty(), tree.toString())) {
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

    /** Writes a Jackson 2 tree found anywhere in the data, through {@link #copyTree}. */
    private static final class ForeignTreeSerializer extends StdSerializer<Object> {

        @SuppressWarnings("unchecked")
        ForeignTreeSerializer(Class<?> treeType) {
            super((Class<Object>) treeType);
        }

        @Override
        public void serialize(Object value, JsonGenerator json, SerializationContext context) {
            copyTree(value, json);
        }
    }
}
