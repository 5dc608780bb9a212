/**
 * Each user's notification preferences (ADR 0078): how notifications reach them (zone, e-mail, webhook, channels per
 * category, quiet hours, digest window, suppression rules), set by the user for themselves as one versioned command.
 */
@NullMarked
package dev.almanac.commands.notification;

import org.jspecify.annotations.NullMarked;
