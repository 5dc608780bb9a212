/**
 * Annotations that say once what many operations answer alike in their OpenAPI documents, such as a
 * problem document under a status; springdoc reads them as the Swagger annotations they carry.
 */
@NullMarked
package dev.almanac.platform.openapi;

import org.jspecify.annotations.NullMarked;
