/**
 * Resources that items book (seed 003): the {@code resources} read model, one document per
 * resource with its unavailable ranges, and its projector.
 */
@NullMarked
package dev.almanac.query.resource;

import org.jspecify.annotations.NullMarked;
