/**
 * A small gateway for the local stack that routes by path and method exactly as the cluster's
 * Gateway API {@code HTTPRoute} (deploy/k8s/base/httproute.yaml) does, so a frontend needs one address.
 */
@NullMarked
package dev.almanac.local.gateway;

import org.jspecify.annotations.NullMarked;
