package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped scripts: where they are, how they are named and numbered, and that released ones never change. */
class SchemaScriptsTest {

    /**
     * Databases have recorded these checksums: a released script stays byte for byte, and the schema
     * changes with a new version instead. Add a line when a version is released.
     */
    private static final Map<String, String> RELEASED = Map.ofEntries(
            Map.entry("h2/deliveries/V1__deliveries.sql",
                    "7bcd2b1cf7abd43707ba1bb2be671ba965a69f20a55c2336932adc61487ffb72"),
            Map.entry("h2/endpoints/V2__endpoints.sql",
                    "13d000a371c4cbae79c02b531d771cb4239c4e28d421bea552bf06b9fa29cf40"),
            Map.entry("h2/deliveries/V3__message_trace_context.sql",
                    "10361d32577b6d991519fcb225a13193489790b422baf28e6c36ba48366399da"),
            Map.entry("postgresql/deliveries/V1__deliveries.sql",
                    "89e6d78e0e88e757008a9a447cb3f44e30e4875f1fbc70dc09dcc0b787466e7e"),
            Map.entry("postgresql/endpoints/V2__endpoints.sql",
                    "37dbf3de21fe05c94ed28d18256511c5d930ca8b1ac9ff43f40809e87cabade3"),
            Map.entry("postgresql/deliveries/V3__message_trace_context.sql",
                    "1f6a8b1080b48cdc55c125f0c97317a65ba4775cf6809bccdd03eb2b1722d3d9"),
            Map.entry("mariadb/deliveries/V1__deliveries.sql",
                    "114d3dfd98c019c9a16ab51dd6f4fbe078fed244f04050652a613bbe6104a47f"),
            Map.entry("mariadb/endpoints/V2__endpoints.sql",
                    "01102bb17ff7c3f9c191f5b29a77fc3c135a5a0a301529208fe3823fef73a53c"),
            Map.entry("mariadb/deliveries/V3__message_trace_context.sql",
                    "913839e26ce23fadd5a9966b0bbf6dbfa7f242e539d06bbe3ae8c35598e06bf4"),
            Map.entry("h2/deliveries/V4__retention.sql",
                    "328a4397104d0fb4ce7cc8a399df719d40159b4397cab633acfbfb4ff592007a"),
            Map.entry("postgresql/deliveries/V4__retention.sql",
                    "e5a61b2a81588869d4cc86e55bdbda81b2102a2b8d17304ac43749479b52daa0"),
            Map.entry("mariadb/deliveries/V4__retention.sql",
                    "89dd78b42ba0729fe35ffe5e73f4a2c19bc487caeedc6da7ed5b5228d0a2d51c"),
            Map.entry("h2/endpoints/V5__endpoint_source.sql",
                    "52c60981c48bb1c6e58ab65d4fba3667dd8a9445ff6859bbbd0ba011811f654e"),
            Map.entry("postgresql/endpoints/V5__endpoint_source.sql",
                    "7f6a32468f09a112eb85ef96917a0fc3aa0a1d74344215c4f4788fa169b5843a"),
            Map.entry("mariadb/endpoints/V5__endpoint_source.sql",
                    "610ef554e71a10c03fb6ef3833b9e9188de2ee8772935686018fe5ee91cdf5c2"),
            Map.entry("h2/deliveries/V6__idempotency.sql",
                    "594dfffd4922e14cdd84c0c719ae49522c5d82ea8f6df895c3b25ee239408db3"),
            Map.entry("postgresql/deliveries/V6__idempotency.sql",
                    "dc69fd177aed6b6bc4b01f8b8578bec6a3fbb58a99a5b7d13dd15764723604c9"),
            Map.entry("mariadb/deliveries/V6__idempotency.sql",
                    "29f7cfc476f10099244eab0d0e15ab0a8c66bdac969b84dde3880f854e3f2469"),
            Map.entry("h2/deliveries/V7__ordering.sql",
                    "44e8138fd1ec0d9ec077c7966f3657ce5e2b06f566a505b11f7f3183c5e7f89a"),
            Map.entry("postgresql/deliveries/V7__ordering.sql",
                    "9cde573abbe4f22fc6542ed5b8a09480cf5b5cdff86a538555df9199cffeba9a"),
            Map.entry("mariadb/deliveries/V7__ordering.sql",
                    "259d89dcf6df2a8de12e8ecfdefb296906a24fa0ed60397696b20e8da0dd3ad3"),
            Map.entry("h2/endpoints/V8__endpoint_ordering.sql",
                    "16916088e4a1608d22888d6757f4c8166824a98b4676f111d48856c0886b9a85"),
            Map.entry("postgresql/endpoints/V8__endpoint_ordering.sql",
                    "20c34c8c2d7fff6e3332d6cb5262c14f5c0eec358e22847fd421a9f83dfe83a3"),
            Map.entry("mariadb/endpoints/V8__endpoint_ordering.sql",
                    "372151f0e50c47d23c8b221fb53fca5ef2ab1ba3fdba0ce7b04b9888839acbef"),
            Map.entry("h2/deliveries/V9__claim_by_endpoint.sql",
                    "89ed8f57becb1fd5ff3b57424adb00c1654432bc579f32cdd776cde63ca48ae1"),
            Map.entry("postgresql/deliveries/V9__claim_by_endpoint.sql",
                    "e1dd682f439a45c44cc5bbe24a5465b12a4f771df5921d6600aed3a68629282f"),
            Map.entry("mariadb/deliveries/V9__claim_by_endpoint.sql",
                    "09f33e10238408247672b45ded6fd03f47a757c95611ac8dbc17fe1924dc325f"),
            Map.entry("h2/deliveries/V10__tenants.sql",
                    "e01ba619f63b37ff5f882b3a36fc41f8e54270e9238ac0907586d4be446e49cc"),
            Map.entry("postgresql/deliveries/V10__tenants.sql",
                    "5d2be13f2462aa0463b70ddc66e43f1d430a79c2fd4d97d97d64ecfda8b11b67"),
            Map.entry("mariadb/deliveries/V10__tenants.sql",
                    "4ff81200fc16180f5db0d9759b6b9bd4fcea461d74595c5d062cc2c000a0891b"),
            Map.entry("h2/endpoints/V11__endpoint_tenants.sql",
                    "9a3c3c6856b38bf4872434ad70becf16eb234b5b29f676168a3c861a8161a83e"),
            Map.entry("postgresql/endpoints/V11__endpoint_tenants.sql",
                    "931d1e69a1f5e9101a66318b13e9ad23a90f3166f9105b443ea2cb64c3753b0a"),
            Map.entry("mariadb/endpoints/V11__endpoint_tenants.sql",
                    "cc2bc6f89266f0ae7744a214b21fe4254343a4ebec15302b68178927dbcb152d"));


    private static List<SchemaScript> allScripts() {
        return Arrays.stream(SchemaComponent.values()).flatMap(c -> c.scripts().stream()).toList();
    }

    @Test
    void theFoldersHoldExactlyTheScriptsTheComponentsName() throws IOException, URISyntaxException {
        Path root = Path.of(SchemaScript.class.getResource("/" + SchemaScript.ROOT).toURI());
        Set<String> expected = new TreeSet<>();
        for (JdbcDialect dialect : JdbcDialect.values()) {
            allScripts().forEach(s -> expected.add(s.resource(dialect).substring(SchemaScript.ROOT.length() + 1)));
        }
        Set<String> found;
        try (Stream<Path> files = Files.walk(root)) {
            found = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(found).isEqualTo(expected);
        assertThat(Arrays.stream(JdbcDialect.values()).map(JdbcDialect::scriptFolder))
                .as("Spring Boot's {vendor} ids").containsExactly("h2", "postgresql", "mariadb");
    }

    @Test
    void versionsAreOneSequenceAcrossTheComponentsSoOneFlywayHistoryTakesThemAll() {
        List<Integer> versions = allScripts().stream().map(SchemaScript::version).sorted().toList();
        assertThat(versions).isEqualTo(IntStream.rangeClosed(1, versions.size()).boxed().toList());
        for (SchemaComponent component : SchemaComponent.values()) {
            assertThat(component.scripts()).extracting(SchemaScript::version).isSorted();
            assertThat(component.latestVersion()).isEqualTo(component.scripts().get(component.scripts().size() - 1)
                    .version());
        }
        assertThat(allScripts()).extracting(SchemaScript::fileName).allMatch(n -> n.matches("V[1-9][0-9]*__[a-z0-9_]+\\.sql"));
    }

    @Test
    void releasedScriptsNeverChange() {
        Map<String, String> actual = new TreeMap<>();
        for (JdbcDialect dialect : JdbcDialect.values()) {
            for (SchemaScript script : allScripts()) {
                String path = script.resource(dialect).substring(SchemaScript.ROOT.length() + 1);
                if (RELEASED.containsKey(path)) {
                    actual.put(path, SchemaScript.checksum(script.text(dialect)));
                }
            }
        }
        assertThat(actual).isEqualTo(new TreeMap<>(RELEASED));
    }

    @Test
    void everyToolCanSplitTheScripts() {
        // a ';' only ends a statement: none in a comment or a literal, so that naive splitters
        // (this migrator's, Liquibase's sqlFile, a DBA's tool) cut where Flyway and psql do
        for (JdbcDialect dialect : JdbcDialect.values()) {
            for (SchemaScript script : allScripts()) {
                String text = script.text(dialect);
                assertThat(text.lines().filter(l -> l.contains("--") || l.contains("'")))
                        .as(script.resource(dialect)).noneMatch(l -> l.contains(";"));
                assertThat(text.strip()).as(script.resource(dialect)).endsWith(";");
            }
        }
    }

    @Test
    void theChecksumCountsCrlfAsLf() {
        assertThat(SchemaScript.checksum("a;\r\nb;\r\n")).isEqualTo(SchemaScript.checksum("a;\nb;\n"))
                .hasSize(64).isNotEqualTo(SchemaScript.checksum("a;\nb;"));
    }

    @Test
    void statementsAreSplitAtSemicolonsWithoutTheirCommentLines() {
        String text = "-- header; with a semicolon\n\nCREATE TABLE a (\n    x INT -- not stripped mid-line\n);\n"
                + "-- between\nALTER TABLE a ADD COLUMN IF NOT EXISTS y INT;\n\n-- trailing\n";
        assertThat(SchemaScript.statements(text)).containsExactly(
                "CREATE TABLE a (\n    x INT -- not stripped mid-line\n)",
                "ALTER TABLE a ADD COLUMN IF NOT EXISTS y INT");
    }

    @Test
    void aScriptIsNamedAsFlywayNamesIt() {
        SchemaScript script = SchemaScript.of("deliveries", "V3__message_trace_context");
        assertThat(script.version()).isEqualTo(3);
        assertThat(script.description()).isEqualTo("message trace context");
        assertThat(script.resource(JdbcDialect.POSTGRESQL))
                .isEqualTo("db/cactus-webhooks/postgresql/deliveries/V3__message_trace_context.sql");
    }
}
