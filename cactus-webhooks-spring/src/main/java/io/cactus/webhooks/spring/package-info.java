/**
 * Spring Boot auto-configuration for Cactus Webhooks, its properties and its Spring integrations.
 *
 * <p>Arguments and results are never null unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}; a lookup that may find nothing returns
 * {@link java.util.Optional}.
 */
@NullMarked
package io.cactus.webhooks.spring;

import org.jspecify.annotations.NullMarked;
