/** Repair commands on rule-expander's state: dropping its store and rebuilding it from the topics it reads. */
@NullMarked
package dev.almanac.rules.repair;

import org.jspecify.annotations.NullMarked;
