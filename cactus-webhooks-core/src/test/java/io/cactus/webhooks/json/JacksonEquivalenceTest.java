package io.cactus.webhooks.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.spi.PayloadSerializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jackson 2 and Jackson 3 default serializers write the same bytes for the same event, so that
 * receivers cannot tell which library the sender has.
 */
class JacksonEquivalenceTest {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30.123Z");

    private final PayloadSerializer jackson2 = new JacksonPayloadSerializer();
    private final PayloadSerializer jackson3 = new Jackson3PayloadSerializer();

    record Address(String street, String city, List<String> lines) {
    }

    record Client(String clientId, String name, Address address, List<Address> previous, Instant createdAt) {
    }

    record WithNulls(String present, String missing, List<String> noList, Map<String, Object> noMap) {
    }

    /** A record with a getter that is not a component: both libraries write it too. */
    record WithExtraGetter(String name) {
        public String getDisplay() {
            return "<" + name + ">";
        }
    }

    record Trees(com.fasterxml.jackson.databind.JsonNode jackson2, tools.jackson.databind.JsonNode jackson3,
            List<Object> both) {
    }

    enum Tier {
        GOLD, SILVER;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT) + " tier";
        }
    }

    /**
     * A classic bean: fields declared in one order, a constructor taking them in another, a getter
     * with an upper-case prefix, one with a two-letter prefix, a Void getter and a boolean "is".
     */
    static final class Portfolio {
        private final String name;
        private final BigDecimal value;
        private final String aBc;
        private final Tier tier;

        Portfolio(Tier tier, BigDecimal value, String aBc, String name) {
            this.name = name;
            this.value = value;
            this.aBc = aBc;
            this.tier = tier;
        }

        public String getName() {
            return name;
        }

        public BigDecimal getValue() {
            return value;
        }

        public String getABc() {
            return aBc;
        }

        public Tier getTier() {
            return tier;
        }

        public String getURL() {
            return "https://example.com/p/" + name;
        }

        public boolean isActive() {
            return true;
        }

        public Void getNothing() {
            return null;
        }

        public List<Integer> getEmptyList() {
            return List.of();
        }
    }

    /** One public constructor whose parameters come in another order than the fields. */
    public static final class Holding {
        private final String symbol;
        private final int quantity;

        public Holding(int quantity, String symbol) {
            this.symbol = symbol;
            this.quantity = quantity;
        }

        public String getSymbol() {
            return symbol;
        }

        public int getQuantity() {
            return quantity;
        }
    }

    /** Annotations of jackson-annotations, which both libraries read. */
    @JsonPropertyOrder({ "second", "first" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Annotated {
        public String first = "1";
        public String second = "2";
        @JsonProperty("renamed")
        public String original = "r";
        @JsonIgnore
        public String secret = "s";
        public String absent;
    }

    static Stream<Arguments> shapes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", List.of(1, 2.5, "three", true, List.of(), Map.of()));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", List.of(Map.of("k", "v"), List.of(List.of(1))));
        inner.put("nullValue", null);
        nested.put("inner", inner);
        nested.put("sorted", new TreeMap<>(Map.of("b", 2, "a", 1)));

        Map<String, Object> times = new LinkedHashMap<>();
        times.put("instant", T);
        times.put("instantWholeSecond", Instant.parse("2026-11-29T10:15:30Z"));
        times.put("instantNanos", Instant.parse("2026-11-29T10:15:30.123456789Z"));
        times.put("offset", OffsetDateTime.of(2026, 11, 29, 11, 15, 30, 0, ZoneOffset.ofHours(1)));
        times.put("offsetUtc", OffsetDateTime.of(2026, 11, 29, 10, 15, 30, 5_000_000, ZoneOffset.UTC));
        times.put("zoned", ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Zurich")));
        times.put("zonedUtc", ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneOffset.UTC));
        times.put("localDate", LocalDate.of(2026, 2, 28));
        times.put("localDateTime", LocalDateTime.of(2026, 2, 28, 23, 59, 59, 1000));
        times.put("localTime", LocalTime.of(7, 5));
        times.put("duration", Duration.ofSeconds(90, 500_000_000));
        times.put("durationZero", Duration.ZERO);
        times.put("durationLong", Duration.ofDays(3).plusHours(4));
        times.put("period", Period.of(1, 2, 3));
        times.put("year", Year.of(2026));
        times.put("yearMonth", YearMonth.of(2026, 3));
        times.put("monthDay", MonthDay.of(12, 24));
        times.put("zoneId", ZoneId.of("Europe/Zurich"));
        times.put("zoneOffset", ZoneOffset.ofHoursMinutes(5, 30));
        times.put("month", Month.MARCH);
        times.put("dayOfWeek", DayOfWeek.FRIDAY);
        times.put("date", Date.from(T));

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("bigDecimal", new BigDecimal("1234.50"));
        numbers.put("bigDecimalExponent", new BigDecimal("1E+3"));
        numbers.put("bigDecimalTiny", new BigDecimal("0.000000001"));
        numbers.put("bigDecimalHuge", new BigDecimal("123456789012345678901234567890.123456789"));
        numbers.put("bigInteger", new BigInteger("123456789012345678901234567890"));
        numbers.put("long", Long.MIN_VALUE);
        numbers.put("int", 42);
        numbers.put("double", 0.1 + 0.2);
        numbers.put("doubleLarge", 1.0e300);
        numbers.put("float", 3.25f);
        numbers.put("nan", Double.NaN);
        numbers.put("infinity", Double.POSITIVE_INFINITY);
        numbers.put("short", (short) 7);
        numbers.put("byte", (byte) -1);

        Map<String, Object> strings = new LinkedHashMap<>();
        strings.put("quotes", "she said \"hi\" and left\\");
        strings.put("controls", "tab\tnewline\nreturn\rbell\u0007nul\u0000del\u007f");
        strings.put("slashes", "</script> a/b");
        strings.put("latin", "Zoë Ångström ñ ß");
        strings.put("bmp", "✓ € 中文 日本語 \u2028\u2029");
        strings.put("astral", "😀 𝄞 𠀀");
        strings.put("ünïcödé kéy", "value");
        strings.put("", "empty key");
        strings.put("char", 'x');
        strings.put("chars", new char[] { 'a', 'b' });
        strings.put("bytes", "bytes!".getBytes(StandardCharsets.UTF_8));
        strings.put("uuid", UUID.fromString("0b8e5c2e-6f1a-4d43-9f5e-3c5b8b8e2f10"));
        strings.put("uri", URI.create("https://example.com/a?b=c&d=%20"));
        strings.put("locale", Locale.forLanguageTag("de-CH"));
        strings.put("tier", Tier.GOLD);

        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("offsetTime", java.time.OffsetTime.of(10, 15, 30, 0, ZoneOffset.ofHours(2)));
        jdk.put("sqlDate", java.sql.Date.valueOf(LocalDate.of(2026, 2, 28)));
        jdk.put("sqlTimestamp", java.sql.Timestamp.from(T));
        java.util.GregorianCalendar calendar = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"));
        calendar.setTime(Date.from(T));
        jdk.put("calendar", calendar);
        jdk.put("timeZone", java.util.TimeZone.getTimeZone("Europe/Zurich"));
        jdk.put("currency", java.util.Currency.getInstance("CHF"));
        jdk.put("charset", StandardCharsets.UTF_8);
        jdk.put("path", java.nio.file.Path.of("/tmp/x y"));
        jdk.put("file", new java.io.File("/tmp/x y"));
        jdk.put("pattern", java.util.regex.Pattern.compile("a+b"));
        jdk.put("atomicInteger", new java.util.concurrent.atomic.AtomicInteger(3));
        jdk.put("atomicLong", new java.util.concurrent.atomic.AtomicLong(4));
        jdk.put("atomicBoolean", new java.util.concurrent.atomic.AtomicBoolean(true));
        jdk.put("atomicReference", new java.util.concurrent.atomic.AtomicReference<>("ref"));
        jdk.put("class", String.class);
        jdk.put("ints", new int[] { 1, 2 });
        jdk.put("longs", new long[] { 3L });
        jdk.put("doubles", new double[] { 0.5 });
        jdk.put("booleans", new boolean[] { true });
        jdk.put("objects", new Object[] { "a", 1, null });
        jdk.put("set", new java.util.LinkedHashSet<>(List.of("b", "a")));
        jdk.put("enumMap", new java.util.EnumMap<>(Map.of(Tier.GOLD, 1)));
        jdk.put("enumKeyMap", new LinkedHashMap<>(Map.of(Tier.SILVER, "s")));
        jdk.put("intKeyMap", new TreeMap<>(Map.of(2, "two", 1, "one")));
        jdk.put("stringBuilder", new StringBuilder("sb"));
        jdk.put("url", uncheckedUrl("https://example.com/u"));
        jdk.put("inetAddress", java.net.InetAddress.getLoopbackAddress());
        jdk.put("socketAddress", java.net.InetSocketAddress.createUnresolved("example.com", 443));

        Map<String, Object> nullValues = new HashMap<>();
        nullValues.put("only", null);

        List<Object> mixedList = new ArrayList<>();
        mixedList.add(null);
        mixedList.add("x");
        mixedList.add(new Address("Main 1", "Bern", List.of()));

        com.fasterxml.jackson.databind.node.ObjectNode tree2 =
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        tree2.put("z", 1).put("a", "x \"quoted\" 😀 </").put("decimal", new BigDecimal("1.50"))
                .put("double", 1.0e300).put("long", Long.MAX_VALUE).put("t", true).putNull("n");
        tree2.putArray("list").add(1.5).add(false).addNull().addObject().put("k", "v");
        tree2.putObject("nested").putArray("empty");

        tools.jackson.databind.node.ObjectNode tree3 = new tools.jackson.databind.ObjectMapper().createObjectNode();
        tree3.put("z", 1).put("a", "x \"quoted\" 😀 </").put("decimal", new BigDecimal("1.50"))
                .put("double", 1.0e300).put("long", Long.MAX_VALUE).put("t", true).putNull("n");
        tree3.putArray("list").add(1.5).add(false).addNull().addObject().put("k", "v");
        tree3.putObject("nested").putArray("empty");

        return Stream.of(
                shape("record", new Address("Bahnhofstrasse 1", "Zürich", List.of("c/o Acme", "3rd floor"))),
                shape("nested records", new Client("c-42", "Acme", new Address("Main 1", "Bern", List.of()),
                        List.of(new Address("Old 2", "Basel", List.of("x"))), T)),
                shape("record with an extra getter", new WithExtraGetter("n")),
                shape("record with null fields", new WithNulls("here", null, null, null)),
                shape("POJO with getters", new Portfolio(Tier.SILVER, new BigDecimal("10.00"), "abc", "growth")),
                shape("POJO with a public constructor", new Holding(3, "CACT")),
                shape("annotations", new Annotated()),
                shape("map with nested lists and maps", nested),
                shape("java.time and Date values", times),
                shape("numbers", numbers),
                shape("other JDK values", jdk),
                shape("strings needing escapes or UTF-8", strings),
                shape("map with a null value", nullValues),
                shape("list with nulls and a record", mixedList),
                shape("empty map", Map.of()),
                shape("empty list", List.of()),
                shape("top-level string", "just a string"),
                shape("top-level number", new BigDecimal("-0.00")),
                shape("Jackson 2 JsonNode tree", tree2),
                shape("Jackson 3 JsonNode tree", tree3),
                shape("map holding a tree of each Jackson", trees(tree2, tree3)),
                shape("record holding a tree of each Jackson", new Trees(tree2, tree3, List.of(tree3, tree2))),
                shape("Jackson 2 text node", com.fasterxml.jackson.databind.node.TextNode.valueOf("😀 </")),
                shape("Jackson 3 array node", new tools.jackson.databind.ObjectMapper().createArrayNode().add(1)));
    }

    private static Map<String, Object> trees(Object jackson2, Object jackson3) {
        Map<String, Object> trees = new LinkedHashMap<>();
        trees.put("jackson2", jackson2);
        trees.put("jackson3", jackson3);
        trees.put("list", List.of(jackson3, jackson2));
        return trees;
    }

    private static java.net.URL uncheckedUrl(String url) {
        try {
            return URI.create(url).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Arguments shape(String name, Object data) {
        return Arguments.of(Named.of(name, data));
    }

    private static WebhookEvent event(Object data) {
        return WebhookEvent.builder(EventType.of("client.created"), data).id("msg_2f0c").timestamp(T).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void jackson2AndJackson3DefaultsWriteTheSameBytes(Object data) {
        byte[] two = jackson2.serialize(event(data));
        byte[] three = jackson3.serialize(event(data));

        assertThat(new String(three, StandardCharsets.UTF_8))
                .isEqualTo(new String(two, StandardCharsets.UTF_8))
                .startsWith("{\"type\":\"client.created\",\"timestamp\":\"2026-11-29T10:15:30.123Z\",\"data\":");
        assertThat(three).isEqualTo(two);
    }

    @Test
    void javaTimeValuesAreIsoStringsInBoth() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instant", T);
        data.put("offset", OffsetDateTime.of(2026, 11, 29, 11, 15, 30, 0, ZoneOffset.ofHours(1)));
        data.put("date", LocalDate.of(2026, 2, 28));
        data.put("duration", Duration.ofSeconds(90, 500_000_000));

        String expected = "{\"type\":\"client.created\",\"timestamp\":\"2026-11-29T10:15:30.123Z\",\"data\":"
                + "{\"instant\":\"2026-11-29T10:15:30.123Z\",\"offset\":\"2026-11-29T11:15:30+01:00\","
                + "\"date\":\"2026-02-28\",\"duration\":\"PT1M30.5S\"}}";
        assertThat(new String(jackson2.serialize(event(data)), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(new String(jackson3.serialize(event(data)), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void beanPropertiesKeepDeclarationOrderAndEnumsTheirName() {
        String body = new String(jackson3.serialize(
                event(new Portfolio(Tier.GOLD, BigDecimal.ONE, "x", "p"))), StandardCharsets.UTF_8);

        // field order first (Jackson 3 alone would sort: "abc", "active", ...), getter names lowered
        assertThat(body).contains("\"data\":{\"name\":\"p\",\"value\":1,\"tier\":\"GOLD\",")
                .contains("\"url\":\"https://example.com/p/p\"", "\"abc\":\"x\"", "\"active\":true")
                .doesNotContain("nothing");
    }

    @Test
    void treesOfEitherJacksonAreWrittenAsTheirJsonWhereverTheyAre() {
        Object tree2 = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("a", 1);
        Object tree3 = new tools.jackson.databind.ObjectMapper().createObjectNode().put("b", 2.50);

        for (PayloadSerializer serializer : List.of(jackson2, jackson3)) {
            assertThat(new String(serializer.serialize(event(trees(tree2, tree3))), StandardCharsets.UTF_8))
                    .as(serializer.getClass().getSimpleName())
                    .endsWith("\"data\":{\"jackson2\":{\"a\":1},\"jackson3\":{\"b\":2.5},"
                            + "\"list\":[{\"b\":2.5},{\"a\":1}]}}");
        }
    }

    @Test
    void theApplicationsMapperShapesTheDataButNotTheEnvelope() {
        tools.jackson.databind.json.JsonMapper snakeCase = tools.jackson.databind.json.JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .build();
        PayloadSerializer serializer = new Jackson3PayloadSerializer(snakeCase);

        assertThat(new String(serializer.serialize(event(new Address("Main 1", "Bern", List.of()))),
                StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"client.created\","
                        + "\"timestamp\":\"2026-11-29T10:15:30.123Z\","
                        + "\"data\":{\"street\":\"Main 1\",\"city\":\"Bern\",\"lines\":[]}}");
        assertThat(new String(serializer.serialize(event(new Client("c-1", "n", null, List.of(), T))),
                StandardCharsets.UTF_8)).contains("\"data\":{\"client_id\":\"c-1\",");
        // a Jackson 2 tree as the data itself is JSON with any mapper
        assertThat(new String(serializer.serialize(event(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("someKey", 1))),
                StandardCharsets.UTF_8)).endsWith("\"data\":{\"someKey\":1}}");
    }

    /** A bean with nothing to write is a mistake (data would be lost silently): both refuse it. */
    static final class NoProperties {
    }

    static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("boom secret-data");
        }
    }

    static Stream<Arguments> unserialisable() {
        return Stream.of(Arguments.of(Named.of("bean without properties", (Supplier<Object>) NoProperties::new)),
                Arguments.of(Named.of("getter that throws", (Supplier<Object>) Exploding::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unserialisable")
    void bothRejectTheSameDataNamingTheEventButNotTheData(Supplier<Object> data) {
        for (PayloadSerializer serializer : List.of(jackson2, jackson3)) {
            assertThatExceptionOfType(WebhookException.class)
                    .as(serializer.getClass().getSimpleName())
                    .isThrownBy(() -> serializer.serialize(event(data.get())))
                    .satisfies(e -> {
                        assertThat(e.getMessage()).contains("msg_2f0c").contains("client.created")
                                .doesNotContain("secret-data");
                        assertThat(e.getCause()).isNotNull();
                    });
        }
    }
}
