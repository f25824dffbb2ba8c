package io.cactus.webhooks.portal;

import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The event-type catalogue as the portal shows it, sorted by name. */
final class PortalCatalog {

    private PortalCatalog() {
    }

    static List<EventTypeView> types(Webhooks webhooks) {
        List<EventTypeView> views = new ArrayList<>();
        for (EventTypeDefinition d : webhooks.eventTypes().types()) {
            views.add(new EventTypeView(d.type().name(), d.description(),
                    d.schema().orElse(null)));
        }
        views.sort(Comparator.comparing(EventTypeView::name));
        return views;
    }
}
