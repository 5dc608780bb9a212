/** Read-model plumbing shared by the features: versioned idempotent writes, the MongoDB database, startup indexes and BSON value mapping. */
@NullMarked
package dev.almanac.query.readmodel;

import org.jspecify.annotations.NullMarked;
