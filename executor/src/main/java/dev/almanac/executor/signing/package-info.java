/** The request signature, as GitHub's and Stripe's webhooks sign theirs: an HMAC-SHA256 of a timestamp and the body. */
@NullMarked
package dev.almanac.executor.signing;

import org.jspecify.annotations.NullMarked;
