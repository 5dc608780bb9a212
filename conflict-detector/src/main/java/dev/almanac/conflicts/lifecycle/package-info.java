/** The conflict lifecycle: stored conflicts reconciled with fresh detection, published, then recorded. */
@NullMarked
package dev.almanac.conflicts.lifecycle;

import org.jspecify.annotations.NullMarked;
