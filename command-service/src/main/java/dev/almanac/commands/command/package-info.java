/**
 * What every command carries and answers, whichever adapter sends it: its metadata, creation under
 * a client-chosen id, and warnings. Aggregates read these; the web adapter fills them in.
 */
@NullMarked
package dev.almanac.commands.command;

import org.jspecify.annotations.NullMarked;
