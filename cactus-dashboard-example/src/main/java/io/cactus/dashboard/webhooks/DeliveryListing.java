package io.cactus.dashboard.webhooks;

import io.cactus.dashboard.web.PageRequest;
import io.cactus.webhooks.WebhookReader;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One page of deliveries with their attempts, for the deliveries page and the JSON API alike: three
 * reads whatever the page size (the count, the page, and the attempts of every delivery on it in
 * one {@link WebhookReader#attempts(java.util.Collection)}), so a store of 10,000 deliveries or of
 * millions is one page's work, never one query per row.
 */
@NullMarked
final class DeliveryListing {

    /** The filters of a list; a null matches everything. */
    record Filter(@Nullable DeliveryStatus status, @Nullable String eventType, @Nullable String endpoint) {

        DeliveryQuery query() {
            return DeliveryQuery.all().withStatus(status).withEventType(eventType).withEndpoint(endpoint);
        }
    }

    /**
     * A delivery with its attempts, oldest attempt first (empty when they were not asked for), and
     * its times as the table shows them (UTC, to the second; the full instant is the cell's title).
     */
    record Row(Delivery delivery, List<DeliveryAttempt> attempts) {

        public String created() {
            return DAY_TIME.format(delivery.createdAt());
        }

        public @Nullable String lastAttempt() {
            Instant t = delivery.lastAttemptAt();
            return t == null ? null : DAY_TIME.format(t);
        }

        public @Nullable String nextAttempt() {
            Instant t = delivery.nextAttemptAt();
            return t == null ? null : DAY_TIME.format(t);
        }
    }

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** The rows of one page and how many match in all. */
    record Page(List<Row> rows, PageRequest request, long total) {

        long pageCount() {
            return request.pageCount(total);
        }

        boolean hasNext() {
            return request.hasNext(total);
        }
    }

    private DeliveryListing() {
    }

    /** A page with the attempts of every delivery on it (the JSON API). */
    static Page read(WebhookReader reader, Filter filter, PageRequest page) {
        return read(reader, filter, page, id -> true);
    }

    /**
     * A page with the attempts of the deliveries {@code withAttempts} accepts (the page shows only
     * the expanded ones); the others carry an empty list, their last attempt is on the delivery.
     */
    static Page read(WebhookReader reader, Filter filter, PageRequest page, Predicate<String> withAttempts) {
        DeliveryQuery query = filter.query();
        long total = reader.count(query);
        List<Delivery> found = reader.deliveries(query.page(page.offset(), page.size()));
        List<String> ids = found.stream().map(Delivery::id).filter(withAttempts).toList();
        Map<String, List<DeliveryAttempt>> attempts = ids.isEmpty() ? Map.of() : reader.attempts(ids);
        List<Row> rows = found.stream().map(d -> new Row(d, attempts.getOrDefault(d.id(), List.of()))).toList();
        return new Page(rows, page, total);
    }
}
