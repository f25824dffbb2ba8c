package io.cactus.webhooks.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version for the user-agent, from the jar's Maven descriptor when there is one. */
final class LibraryVersion {

    static final String VALUE = find();

    private LibraryVersion() {
    }

    private static String find() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(
                "/META-INF/maven/io.cactus/cactus-webhooks-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: an unknown version is not worth failing for
        }
        String v = LibraryVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
