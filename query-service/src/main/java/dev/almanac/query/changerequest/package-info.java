/** Proposed changes to recurring rules (OPS-CHANGE's confirm-first change requests), and each rule's open ones. */
@NullMarked
package dev.almanac.query.changerequest;

import org.jspecify.annotations.NullMarked;
