/** The input rules every endpoint applies, written once: RFC 3339 instants, clean text, strict JSON scalars. */
@NullMarked
package dev.almanac.platform.input;

import org.jspecify.annotations.NullMarked;
