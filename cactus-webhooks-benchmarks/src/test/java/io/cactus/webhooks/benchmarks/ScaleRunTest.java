package io.cactus.webhooks.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scale run at a tiny size, so the build checks that its SQL and steps work on each database. */
class ScaleRunTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg-durable"})
    void runsAtATinySize(String store) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<ScaleRun.StoreResult> results = new ScaleRun(RunOptions.parse(new String[] {"--history", "1000",
            "--pending", "100", "--purge", "200", "--purge-variants", "retention,admin", "--repeats", "1", "--claims", "10", "--stores", store}),
                new PrintStream(text, true, StandardCharsets.UTF_8)).run();

        assertThat(results).hasSize(1);
        ScaleRun.StoreResult r = results.get(0);
        assertThat(r.rounds()).extracting(ScaleRun.Round::database).containsExactly(ScaleRun.EMPTY, ScaleRun.HISTORY);
        assertThat(r.rounds()).allSatisfy(round -> {
            assertThat(round.claimNanos()).hasSize(10);
            assertThat(round.drainPerSecond()).isPositive();
            assertThat(round.duplicates()).isZero();
        });
        assertThat(r.purges()).extracting(ScaleRun.Purge::purged).containsExactly(200L, 200L);
        assertThat(r.disk().totalBytes()).isPositive();
        assertThat(r.explain()).contains("cactus_webhook_deliveries");
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("Targets", "checked: the store reads history rows");
    }
}
