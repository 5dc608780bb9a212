package dev.almanac.commands;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.problem.Violation;

/**
 * An aggregate's refusal of a command, with the field and rule it broke. The web layer turns
 * the {@link Reason} into an HTTP status; the aggregates stay free of HTTP.
 */
public class CommandRejectedException extends RuntimeException {

    public enum Reason {
        /** The command breaks a rule on its own: 400. */
        INVALID,
        /** The command names something that does not exist: 422. */
        UNKNOWN_REFERENCE,
        /**
         * The command's target, named in the path, has no such part (an occurrence the rule does not
         * have, an item's attachment): 404.
         */
        NOT_FOUND,
        /** The command clashes with the current state: 409. */
        CONFLICT,
        /** The caller lacks the role the command needs on its calendar: 403. */
        FORBIDDEN,
        /**
         * The caller has no role on the calendar, which is hidden from them: answered exactly as if the command's target did
         * not exist, 404 (ADR 0086), so that its id tells nothing.
         */
        HIDDEN
    }

    private final Reason reason;
    private final List<Violation> violations;
    private @Nullable String requiredRole;

    public CommandRejectedException(Reason reason, String field, String rule, String message) {
        this(reason, List.of(new Violation(field, rule, message)));
    }

    public CommandRejectedException(Reason reason, List<Violation> violations) {
        this(reason, violations.get(0).message(), violations);
    }

    /** @param message what is refused as a whole, when several violations need a summary */
    public CommandRejectedException(Reason reason, String message, List<Violation> violations) {
        super(message);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    public static CommandRejectedException invalid(String field, String rule, String message) {
        return new CommandRejectedException(Reason.INVALID, field, rule, message);
    }

    /**
     * 403: the caller lacks {@code requiredRole} (viewer, scheduler, manager, or admin).
     *
     * @param rule {@code role} for a calendar's grants, or the business rule that asks for the role (SCH-005, SCH-021)
     */
    public static CommandRejectedException forbidden(String field, String rule, String requiredRole, String message) {
        CommandRejectedException refused = new CommandRejectedException(Reason.FORBIDDEN, field, rule, message);
        refused.requiredRole = requiredRole;
        return refused;
    }

    /** For a refusal that gathers others (a bulk reschedule): the role the refused moves need. */
    public CommandRejectedException needing(String role) {
        this.requiredRole = role;
        return this;
    }

    public Reason reason() {
        return reason;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The role a {@link Reason#FORBIDDEN} refusal needs. */
    public String requiredRole() {
        return requiredRole == null ? "manager" : requiredRole;
    }
}
