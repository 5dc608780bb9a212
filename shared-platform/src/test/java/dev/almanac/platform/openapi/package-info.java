/** Test support for OpenAPI documents: a service's generated paths against a committed snapshot. */
@NullMarked
package dev.almanac.platform.openapi;

import org.jspecify.annotations.NullMarked;
