package io.cactus.webhooks.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends each scenario's numbers to target/faults/results.txt (the source of docs/reliability.md). */
final class Report {

    private Report() {
    }

    static synchronized void row(String scenario, String numbers) {
        String line = Instant.now() + " | " + scenario + " | " + numbers + System.lineSeparator();
        System.out.print("[faults] " + line);
        try {
            Files.writeString(AppProcess.workDir().resolve("results.txt"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
