/**
 * Calendar subscriptions (ADR 0082): a secret feed URL issued to a user for one calendar they may read, and revoked by
 * them or an admin. The token is made here, shown once and kept nowhere: the aggregate and its events hold its SHA-256.
 */
@NullMarked
package dev.almanac.commands.subscription;

import org.jspecify.annotations.NullMarked;
