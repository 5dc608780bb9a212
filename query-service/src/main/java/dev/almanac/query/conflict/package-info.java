/** Conflicts as conflict-detector detected them and their lifecycle moved them, and the conflict list and detail queries. */
@NullMarked
package dev.almanac.query.conflict;

import org.jspecify.annotations.NullMarked;
