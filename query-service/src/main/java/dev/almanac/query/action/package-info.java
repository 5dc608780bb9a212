/**
 * The commands a read offers its caller, each with the request that sends it (UI-ACTIONS): plumbing shared by the
 * features that offer them (the ops feed, rules, conflicts). It uses no feature.
 */
@NullMarked
package dev.almanac.query.action;

import org.jspecify.annotations.NullMarked;
