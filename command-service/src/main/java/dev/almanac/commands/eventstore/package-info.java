/** The event store: Axon's JDBC engine on PostgreSQL, its schema, serializer and error translation. */
@NullMarked
package dev.almanac.commands.eventstore;

import org.jspecify.annotations.NullMarked;
