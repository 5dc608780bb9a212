/**
 * HTTP plumbing shared by the features: query-parameter parsing that reports bad input as problems naming the field and
 * rule, opaque page cursors, the filters every read passes (ETags, caching) and the filters' order. It uses no feature.
 */
@NullMarked
package dev.almanac.query.web;

import org.jspecify.annotations.NullMarked;
