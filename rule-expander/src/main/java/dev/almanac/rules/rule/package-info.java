/** Rule state in MongoDB: each rule's definition, version, origin and how far its occurrences are published. */
@NullMarked
package dev.almanac.rules.rule;

import org.jspecify.annotations.NullMarked;
