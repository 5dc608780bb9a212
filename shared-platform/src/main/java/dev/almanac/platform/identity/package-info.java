/**
 * Who is acting: a JWT bearer token's subject in production, a header or the configured identity in
 * development mode, resolved once per request into a {@link dev.almanac.platform.identity.Caller} (ADR 0027).
 */
@NullMarked
package dev.almanac.platform.identity;

import org.jspecify.annotations.NullMarked;
