/** The Kafka listener that decodes every catalogued event and applies it to the read models once, before its offset commits. */
@NullMarked
package dev.almanac.query.projection;

import org.jspecify.annotations.NullMarked;
