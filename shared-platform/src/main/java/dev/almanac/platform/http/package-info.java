/** HTTP below the web framework: requests it cannot read and answers it sends without a body still get a problem document. */
@NullMarked
package dev.almanac.platform.http;

import org.jspecify.annotations.NullMarked;
