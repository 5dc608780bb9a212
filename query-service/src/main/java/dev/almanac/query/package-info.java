/** query-service: projects every Almanac topic into MongoDB read models and serves the read APIs. */
@NullMarked
package dev.almanac.query;

import org.jspecify.annotations.NullMarked;
