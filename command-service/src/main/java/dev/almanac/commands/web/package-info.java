/** What every command endpoint shares: who is acting, dispatch to Axon, and the mapping of outcomes to HTTP. */
@NullMarked
package dev.almanac.commands.web;

import org.jspecify.annotations.NullMarked;
