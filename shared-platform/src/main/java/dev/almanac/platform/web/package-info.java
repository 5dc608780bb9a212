/** Platform defaults for every service: configuration defaults and the OpenAPI description. */
@NullMarked
package dev.almanac.platform.web;

import org.jspecify.annotations.NullMarked;
