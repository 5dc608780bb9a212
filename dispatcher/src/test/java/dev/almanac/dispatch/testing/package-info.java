/** Test data and doubles shared by the dispatcher's tests. */
@NullMarked
package dev.almanac.dispatch.testing;

import org.jspecify.annotations.NullMarked;
