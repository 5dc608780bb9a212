/**
 * Almanac's public contracts: every fact that crosses a service boundary, the topics that
 * carry them and the value types they are made of. Plain records with Jackson annotations
 * at most, so any consumer can depend on this jar without pulling in a framework.
 */
@NullMarked
package dev.almanac.events;

import org.jspecify.annotations.NullMarked;
