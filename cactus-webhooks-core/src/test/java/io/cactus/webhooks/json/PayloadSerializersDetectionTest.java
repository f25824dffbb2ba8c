package io.cactus.webhooks.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@link PayloadSerializers#detect()} in class loaders that really lack one Jackson or both: the
 * library's classes come from target/classes, Jackson only from the jars each case allows, and
 * nothing of {@code com.fasterxml.jackson} or {@code tools.jackson} from the test class path.
 */
class PayloadSerializersDetectionTest {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30.123Z");

    private static final URL CORE = location(PayloadSerializers.class);
    private static final URL JACKSON2_DATABIND = location(com.fasterxml.jackson.databind.ObjectMapper.class);
    private static final URL JACKSON2_CORE = location(com.fasterxml.jackson.core.JsonFactory.class);
    private static final URL JSR310 = location(com.fasterxml.jackson.datatype.jsr310.JavaTimeModule.class);
    private static final URL ANNOTATIONS = location(com.fasterxml.jackson.annotation.JsonProperty.class);
    private static final URL JACKSON3_DATABIND = location(tools.jackson.databind.ObjectMapper.class);
    private static final URL JACKSON3_CORE = location(tools.jackson.core.json.JsonFactory.class);

    @Test
    void withoutJacksonDetectionFailsNamingBothArtifactsAndTheBuilderMethod() throws Throwable {
        try (Isolated loader = new Isolated(CORE)) {
            assertThatThrownBy(() -> loader.detect())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tools.jackson.core:jackson-databind")
                    .hasMessageContaining("com.fasterxml.jackson.core:jackson-databind")
                    .hasMessageContaining("com.fasterxml.jackson.datatype:jackson-datatype-jsr310")
                    .hasMessageContaining("Webhooks.Builder.serializer(...)");
            assertThat(loader.misses()).contains("tools.jackson.databind.json.JsonMapper",
                    "com.fasterxml.jackson.databind.json.JsonMapper");
        }
    }

    @Test
    void withoutJacksonTheBuilderStillWorksWithTheApplicationsSerializerAndBuildFailsWithoutOne()
            throws Throwable {
        try (Isolated loader = new Isolated(CORE)) {
            Class<?> webhooks = loader.loadClass("io.cactus.webhooks.Webhooks");
            Class<?> builderType = loader.loadClass("io.cactus.webhooks.Webhooks$Builder");
            Method build = builderType.getMethod("build");

            Object bare = webhooks.getMethod("builder").invoke(null);
            assertThatThrownBy(() -> invoke(build, bare))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tools.jackson.core:jackson-databind")
                    .hasMessageContaining("Webhooks.Builder.serializer(...)");
            assertThatThrownBy(() -> invoke(loader.loadClass("io.cactus.webhooks.internal.EventEncoder").getMethod("defaults"),
                    null)).isInstanceOf(IllegalStateException.class);

            Class<?> serializerType = loader.loadClass("io.cactus.webhooks.spi.PayloadSerializer");
            Object own = Proxy.newProxyInstance(loader, new Class<?>[] { serializerType },
                    (proxy, method, args) -> switch (method.getName()) {
                        case "serialize" -> "{}".getBytes(StandardCharsets.UTF_8);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "the application's serializer";
                    });
            Object builder = webhooks.getMethod("builder").invoke(null);
            builderType.getMethod("serializer", serializerType).invoke(builder, own);
            try (AutoCloseable built = (AutoCloseable) build.invoke(builder)) {
                assertThat(built.getClass().getClassLoader()).isSameAs(loader);
            }
        }
    }

    @Test
    void jackson2WithoutItsJavaTimeModuleIsNamedAsTheMissingPiece() throws Throwable {
        try (Isolated loader = new Isolated(CORE, JACKSON2_DATABIND, JACKSON2_CORE, ANNOTATIONS)) {
            assertThatThrownBy(() -> loader.detect())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.fasterxml.jackson.datatype:jackson-datatype-jsr310 is not")
                    .hasMessageContaining("tools.jackson.core:jackson-databind")
                    .hasMessageContaining("Webhooks.Builder.serializer(...)");
        }
    }

    @Test
    void withOnlyJackson2ItPicksJackson2AndNeverLooksForJackson3BeyondTwoNames() throws Throwable {
        try (Isolated loader = new Isolated(CORE, JACKSON2_DATABIND, JACKSON2_CORE, ANNOTATIONS, JSR310)) {
            Object serializer = loader.detect();

            assertThat(serializer.getClass().getName()).isEqualTo("io.cactus.webhooks.json.JacksonPayloadSerializer");
            assertThat(loader.serialize(serializer)).isEqualTo(expectedEnvelope());
            assertThat(loader.misses()).filteredOn(name -> name.startsWith("tools.jackson."))
                    .containsExactlyInAnyOrder("tools.jackson.databind.json.JsonMapper", "tools.jackson.databind.JsonNode");
        }
    }

    @Test
    void withOnlyJackson3ItPicksJackson3AndNeverLoadsJackson2() throws Throwable {
        // Jackson 3 itself uses Jackson 2's annotations artifact (com.fasterxml.jackson.annotation).
        try (Isolated loader = new Isolated(CORE, JACKSON3_DATABIND, JACKSON3_CORE, ANNOTATIONS)) {
            Object serializer = loader.detect();

            assertThat(serializer.getClass().getName()).isEqualTo("io.cactus.webhooks.json.Jackson3PayloadSerializer");
            assertThat(loader.serialize(serializer)).isEqualTo(expectedEnvelope());
            assertThat(loader.misses())
                    .filteredOn(name -> name.startsWith("com.fasterxml.jackson.")
                            && !name.startsWith("com.fasterxml.jackson.annotation."))
                    .containsExactly("com.fasterxml.jackson.databind.JsonNode");
        }
    }

    @Test
    void withBothItPicksJackson3() throws Throwable {
        try (Isolated loader = new Isolated(CORE, JACKSON2_DATABIND, JACKSON2_CORE, ANNOTATIONS, JSR310,
                JACKSON3_DATABIND, JACKSON3_CORE)) {
            Object serializer = loader.detect();

            assertThat(serializer.getClass().getName()).isEqualTo("io.cactus.webhooks.json.Jackson3PayloadSerializer");
            assertThat(loader.serialize(serializer)).isEqualTo(expectedEnvelope());
        }
    }

    private static String expectedEnvelope() {
        return "{\"type\":\"client.created\",\"timestamp\":\"2026-11-29T10:15:30.123Z\","
                + "\"data\":{\"at\":\"2026-11-29T10:15:30.123Z\",\"text\":\"é \\uD83D\\uDE00\",\"n\":[1,2.5]}}";
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static Object invoke(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Child-first for the library and for Jackson: those come only from the given URLs (a Jackson
     * class missing there is missing, not looked up in the parent); everything else (the JDK,
     * SLF4J, OkHttp, resilience4j) from the test class path.
     */
    private static final class Isolated extends URLClassLoader {

        private static final List<String> OWN = List.of("io.cactus.webhooks.", "com.fasterxml.jackson.", "tools.jackson.");

        private final Set<String> misses = ConcurrentHashMap.newKeySet();

        Isolated(URL... urls) {
            super("isolated", urls, PayloadSerializersDetectionTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (OWN.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException e) {
                        misses.add(name);
                        throw e;
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        /** {@code PayloadSerializers.detect()} of this loader's copy of the library. */
        Object detect() throws Throwable {
            return invoke(loadClass("io.cactus.webhooks.json.PayloadSerializers").getMethod("detect"), null);
        }

        /** Serialises one event with this loader's serializer. */
        String serialize(Object serializer) throws Throwable {
            assertThat(serializer.getClass().getClassLoader()).isSameAs(this);
            Class<?> eventType = loadClass("io.cactus.webhooks.EventType");
            Class<?> event = loadClass("io.cactus.webhooks.WebhookEvent");
            Object type = eventType.getMethod("of", String.class).invoke(null, "client.created");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("at", T);
            data.put("text", "é 😀");
            data.put("n", new ArrayList<>(List.of(1, 2.5)));
            Class<?> builder = loadClass("io.cactus.webhooks.WebhookEvent$Builder");
            Object b = event.getMethod("builder", eventType, Object.class).invoke(null, type, data);
            b = builder.getMethod("id", String.class).invoke(b, "msg_1");
            b = builder.getMethod("timestamp", Instant.class).invoke(b, T);
            Object webhookEvent = builder.getMethod("build").invoke(b);
            Method serialize = loadClass("io.cactus.webhooks.spi.PayloadSerializer").getMethod("serialize", event);
            return new String((byte[]) invoke(serialize, serializer, webhookEvent), StandardCharsets.UTF_8);
        }

        Set<String> misses() {
            return misses;
        }
    }
}
