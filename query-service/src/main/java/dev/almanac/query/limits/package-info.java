/**
 * Read limits (OWASP API4): per caller and per family of reads, counted in the read models' store so that every replica
 * draws on one budget, answered 429 with Retry-After and RateLimit headers; and a cap on each caller's open live streams.
 */
@NullMarked
package dev.almanac.query.limits;

import org.jspecify.annotations.NullMarked;
