/** A receiver for the local stack's demo rule: it verifies each request's signature, and fails some runs on purpose. */
@NullMarked
package dev.almanac.executor.demo;

import org.jspecify.annotations.NullMarked;
