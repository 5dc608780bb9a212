/** Benchmarks that run against a whole local stack; their results go to docs/benchmarks.md. */
@NullMarked
package dev.almanac.local.bench;

import org.jspecify.annotations.NullMarked;
