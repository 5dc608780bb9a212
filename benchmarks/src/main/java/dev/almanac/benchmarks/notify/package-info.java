/** Issue 71's delivery benchmark: a fact to the e-mail the local stack's SMTP server accepted. */
@NullMarked
package dev.almanac.benchmarks.notify;

import org.jspecify.annotations.NullMarked;
