/**
 * Resources that items book (SCH-RESOURCE/SCH-030/SCH-031): the {@code resources} read model, one document per
 * resource with its unavailable ranges, the one document that lists them all ({@code resource_lists}), and its projector.
 */
@NullMarked
package dev.almanac.query.resource;

import org.jspecify.annotations.NullMarked;
