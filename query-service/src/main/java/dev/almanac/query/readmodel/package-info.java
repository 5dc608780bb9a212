/** Read-model plumbing shared by the features: key-only document stores with compare-and-set writes, codecs, entity changes, startup indexes and BSON value mapping. */
@NullMarked
package dev.almanac.query.readmodel;

import org.jspecify.annotations.NullMarked;
