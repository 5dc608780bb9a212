/**
 * The reference executor: it reads {@code almanac.dispatch.v1}, calls the URL of each due {@code http} job with a
 * signed request, and reports the run on {@code almanac.runs.v1}. {@code run/} consumes and reports, {@code call/}
 * makes the request, {@code signing/} signs it (and lets a receiver verify it), and {@code demo/} is a receiver the
 * local stack's demo rule calls; {@code settings/} holds what they are configured with.
 */
@NullMarked
package dev.almanac.executor;

import org.jspecify.annotations.NullMarked;
