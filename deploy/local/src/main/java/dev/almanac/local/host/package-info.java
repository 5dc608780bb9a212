/**
 * The services host: the local stack's services in one JVM, each from its own executable jar in a class loader of its
 * own, with its own application context, port, configuration and log (ADR 0099).
 */
@NullMarked
package dev.almanac.local.host;

import org.jspecify.annotations.NullMarked;
