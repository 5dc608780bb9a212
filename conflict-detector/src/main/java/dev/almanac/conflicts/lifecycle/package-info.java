/** The conflict lifecycle: facts stored, their reach detected afresh, reconciled with the stored conflicts, recorded. */
@NullMarked
package dev.almanac.conflicts.lifecycle;

import org.jspecify.annotations.NullMarked;
