/**
 * The platform admins' audit (ADR 0102): every request a platform admin makes in a tenant, recorded on {@code almanac.audit.v1}
 * by the service that answers it, before the answer is sent.
 */
@NullMarked
package dev.almanac.platform.audit;

import org.jspecify.annotations.NullMarked;
