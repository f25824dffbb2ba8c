/**
 * The domain's events, one record per event type: what the services announce with Spring's
 * {@code ApplicationEventPublisher}, and, through the adapter's {@code @PublishAsWebhook}, the
 * {@code data} of the webhook of that type. Each record is the wire contract of its event type,
 * written down on its own rather than borrowed from a table row or an API answer: a column added
 * to a table reaches no receiver until a field is added here.
 *
 * <p>Versioning: adding a field is compatible (receivers ignore fields they do not know); renaming
 * or removing one, or changing its meaning or type, is not. Do that as a new event type (for
 * example {@code client.created.v2}, its own record), published beside the old one until every
 * receiver has moved. The golden JSON of each type is in the tests ({@code EventPayloadsIT}) and
 * the table of fields in {@code docs/n8n.md}.
 */
@NullMarked
package io.cactus.dashboard.events;

import org.jspecify.annotations.NullMarked;
