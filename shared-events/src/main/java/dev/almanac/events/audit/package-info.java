/**
 * Records of what the audit trail needs beyond the domain's facts: commands the domain refused (ADR 0081), and every request
 * of a platform admin acting in a tenant (ADR 0102).
 */
@NullMarked
package dev.almanac.events.audit;

import org.jspecify.annotations.NullMarked;
