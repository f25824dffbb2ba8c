package io.cactus.webhooks.internal;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.catalog.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * A schema compiled by networknt's json-schema-validator (the Jackson 3 line). The only class that
 * touches that library: {@link PayloadSchemas} reaches it only when the library is present.
 * Thread-safe: networknt's {@link Schema} is, once its validators are initialised, and so is the
 * mapper.
 */
final class JsonSchemaCheck implements SchemaCheck {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));

    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /**
     * Parses, checks against its draft's meta-schema and compiles a schema.
     *
     * @param example JSON that must conform to the schema, or null
     * @throws IllegalArgumentException naming the type if the schema is not JSON, breaks its
     *     meta-schema, cannot be compiled, or the example does not conform
     */
    static SchemaCheck compile(EventType type, String schemaText, @org.jspecify.annotations.Nullable String example) {
        JsonNode node;
        try {
            node = MAPPER.readTree(schemaText);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the schema of event type " + type + " is not valid JSON: "
                    + e.getClass().getSimpleName(), e);
        }
        if (!node.isObject() && !node.isBoolean()) {
            throw new IllegalArgumentException("the schema of event type " + type
                    + " must be a JSON object (or true/false), was " + node.getNodeType());
        }
        Schema schema;
        try {
            String dialect = SpecificationVersion.fromSchemaNode(node).orElse(SpecificationVersion.DRAFT_2020_12)
                    .getDialectId();
            List<Error> metaErrors = REGISTRY.getSchema(SchemaLocation.of(dialect)).validate(node);
            if (!metaErrors.isEmpty()) {
                throw new IllegalArgumentException("the schema of event type " + type + " is not a valid JSON Schema ("
                        + dialect + "): " + describe(metaErrors));
            }
            schema = REGISTRY.getSchema(node);
            schema.initializeValidators();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the schema of event type " + type + " cannot be compiled: " + e, e);
        }
        JsonSchemaCheck check = new JsonSchemaCheck(schema);
        if (example != null) {
            JsonNode exampleNode;
            try {
                exampleNode = MAPPER.readTree(example);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the example of event type " + type + " is not valid JSON: "
                        + e.getClass().getSimpleName(), e);
            }
            List<SchemaViolation> violations = check.violationsOf(exampleNode);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("the example of event type " + type
                        + " does not conform to its schema: " + violations);
            }
        }
        return check;
    }

    /** A schema's own errors: where in the schema, and the keyword of the meta-schema. */
    private static String describe(List<Error> errors) {
        List<String> shown = new ArrayList<>();
        for (Error e : errors.subList(0, Math.min(5, errors.size()))) {
            shown.add((e.getInstanceLocation().toString().isEmpty() ? "(root)" : e.getInstanceLocation().toString())
                    + ": " + e.getKeyword());
        }
        return String.join("; ", shown);
    }

    @Override
    public List<SchemaViolation> violations(byte[] envelope) {
        JsonNode data = MAPPER.readTree(envelope).get("data");
        return violationsOf(data == null ? NullNode.getInstance() : data);
    }

    private List<SchemaViolation> violationsOf(JsonNode data) {
        List<Error> errors = schema.validate(data);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<SchemaViolation> violations = new ArrayList<>(errors.size());
        for (Error e : errors) {
            String pointer = e.getInstanceLocation().toString();
            String property = e.getProperty();
            // A missing member is pointed at where it should be; its name comes from the schema.
            if ("required".equals(e.getKeyword()) && property != null) {
                pointer = pointer + "/" + property.replace("~", "~0").replace("/", "~1");
            }
            String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
            String schemaPointer = e.getSchemaLocation() == null ? "" : e.getSchemaLocation().getFragment().toString();
            violations.add(new SchemaViolation(pointer, keyword, schemaPointer));
        }
        return violations;
    }
}
