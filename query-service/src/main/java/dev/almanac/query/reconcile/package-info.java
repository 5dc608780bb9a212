/** Reconciling the read models with the event history: the entity versions the topics imply against the documents held, a drift metric, a daily run and one on demand. */
@NullMarked
package dev.almanac.query.reconcile;

import org.jspecify.annotations.NullMarked;
