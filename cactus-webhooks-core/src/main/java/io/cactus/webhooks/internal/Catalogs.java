package io.cactus.webhooks.internal;

import io.cactus.webhooks.catalog.EventTypeCatalog;
import org.jspecify.annotations.Nullable;

/**
 * The library's own access to what an {@link EventTypeCatalog} compiled when it was built, without
 * making it public API. Not API: {@code EventTypeCatalog} installs the accessor when it is loaded,
 * and a second installation is refused (as {@link Messages} does for messages).
 */
public final class Catalogs {

    /** What {@link EventTypeCatalog} lets the library see. */
    public interface Access {
        /** The schemas and membership rule the catalogue compiled at build. */
        PayloadSchemas schemas(EventTypeCatalog catalog);
    }

    private static volatile @Nullable Access access;

    private Catalogs() {
    }

    /**
     * Called once, by {@link EventTypeCatalog}'s static initialiser.
     *
     * @throws IllegalStateException if an accessor is installed already
     */
    public static synchronized void install(Access value) {
        if (access != null) {
            throw new IllegalStateException("the catalogue accessor is installed already");
        }
        access = value;
    }

    /** What the publisher enforces for {@code catalog}. */
    public static PayloadSchemas schemas(EventTypeCatalog catalog) {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(EventTypeCatalog.class.getName(), true, EventTypeCatalog.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
            if (a == null) {
                throw new IllegalStateException("EventTypeCatalog did not install its accessor");
            }
        }
        return a.schemas(catalog);
    }
}
