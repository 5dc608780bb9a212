/** Conflicts as detected and cleared by conflict-detector, and the conflict list and detail queries. */
@NullMarked
package dev.almanac.query.conflict;

import org.jspecify.annotations.NullMarked;
