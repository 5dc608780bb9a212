/** Issue 71's notification benchmarks on a running local stack: a fact to the centre's live stream, and to the e-mail its SMTP server accepted. */
@NullMarked
package dev.almanac.benchmarks.notify;

import org.jspecify.annotations.NullMarked;
