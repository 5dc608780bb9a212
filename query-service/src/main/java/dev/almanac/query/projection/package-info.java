/** The Kafka batch listener that decodes every catalogued event and applies each poll to the read models once, before its offsets commit. */
@NullMarked
package dev.almanac.query.projection;

import org.jspecify.annotations.NullMarked;
