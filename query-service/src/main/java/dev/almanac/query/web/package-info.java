/** Query-parameter parsing shared by the HTTP adapters, reporting bad input as problems that name the field and rule. */
@NullMarked
package dev.almanac.query.web;

import org.jspecify.annotations.NullMarked;
