/**
 * API tokens for the JSON API: issued and revoked by the admin on the tokens page, sent as
 * {@code Authorization: Bearer cdt_...}, stored only as the SHA-256 of the whole token.
 */
@NullMarked
package io.cactus.dashboard.tokens;

import org.jspecify.annotations.NullMarked;
