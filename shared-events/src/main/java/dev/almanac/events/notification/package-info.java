/**
 * Notifications for people: what a fact on another topic means for one user (a run failed, a run was missed, a
 * conflict was found or escalated, a change awaits confirmation), with where to look and what they may do about it.
 */
@NullMarked
package dev.almanac.events.notification;

import org.jspecify.annotations.NullMarked;
