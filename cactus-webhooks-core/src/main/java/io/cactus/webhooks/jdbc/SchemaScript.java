package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.WebhookException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One versioned script of the schema, {@code V<version>__<name>.sql}, in its component's folder of
 * each database: {@code db/cactus-webhooks/<database>/<component>/}. Versions are unique across
 * the components, so Flyway can run every folder with one history table.
 */
record SchemaScript(String component, int version, String name) {

    /** The classpath folder of the scripts, one subfolder per database (Spring Boot's {@code {vendor}}). */
    static final String ROOT = "db/cactus-webhooks";

    /** The script of {@code component} named by its file name without {@code .sql}, such as {@code V1__deliveries}. */
    static SchemaScript of(String component, String fileBase) {
        int separator = fileBase.indexOf("__");
        if (!fileBase.startsWith("V") || separator < 2) {
            throw new IllegalArgumentException("not a versioned script name: " + fileBase);
        }
        return new SchemaScript(component, Integer.parseInt(fileBase.substring(1, separator)),
                fileBase.substring(separator + 2));
    }

    String fileName() {
        return "V" + version + "__" + name + ".sql";
    }

    /** As Flyway derives it from the file name. */
    String description() {
        return name.replace('_', ' ');
    }

    /** The classpath resource of this script for {@code dialect}, without a leading slash. */
    String resource(JdbcDialect dialect) {
        return ROOT + "/" + dialect.scriptFolder() + "/" + component + "/" + fileName();
    }

    /** The script's text as shipped in the jar. */
    String text(JdbcDialect dialect) {
        String resource = resource(dialect);
        try (InputStream in = SchemaScript.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WebhookException("could not read schema script " + resource, e);
        }
    }

    @Override
    public String toString() {
        return component + " " + fileName();
    }

    /** SHA-256 of the text in hex, line endings counted as {@code \n} (a checkout's CRLF does not change it). */
    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The statements of a script: whole-line {@code --} comments dropped, then split at {@code ;}.
     * Enough for the library's own scripts, which hold no {@code ;} in a literal, in a comment after
     * code on the same line, or in a function body.
     */
    static List<String> statements(String text) {
        StringBuilder code = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : code.toString().split(";")) {
            String statement = part.strip();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }
}
