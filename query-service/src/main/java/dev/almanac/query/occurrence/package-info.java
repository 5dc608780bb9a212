/**
 * Every rule occurrence reads show, past and future, computed from each rule's timeline (shared-recurrence) folded from
 * the rules topic, pre-counted per UTC day and 15-minute slot for the window; no occurrence is stored (ADR 0068).
 */
@NullMarked
package dev.almanac.query.occurrence;

import org.jspecify.annotations.NullMarked;
