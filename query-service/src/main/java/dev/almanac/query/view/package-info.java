/** SCH-040/SCH-041/SCH-042's calendar views: a calendar's day, week or month, with counts per day and type, conflict badges and the entries. */
@NullMarked
package dev.almanac.query.view;

import org.jspecify.annotations.NullMarked;
