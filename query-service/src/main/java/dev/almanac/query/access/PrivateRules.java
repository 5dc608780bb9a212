package dev.almanac.query.access;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a read knows of the rules whose occurrences it shows, as far as showing them goes (ADR 0096): whether each is private
 * by its current definition, and who created it. An occurrence carries neither: a stored one (a missed or backfill run) was
 * written before its rule may have turned private, and its rule's creator is the one user besides the managers who sees it
 * whole.
 */
public interface PrivateRules {

    /** A read that knows no rule: every occurrence is shown by its own flag, with no creator. */
    PrivateRules NONE = new PrivateRules() {
        @Override
        public boolean isPrivate(String ruleId) {
            return false;
        }

        @Override
        public @Nullable String creator(String ruleId) {
            return null;
        }
    };

    /** Whether the rule is private now; false for a rule the read does not know. */
    boolean isPrivate(String ruleId);

    /** The user who created the rule; null when unknown. */
    @Nullable String creator(String ruleId);

    /** Where the rules as the read models hold them now are read; the occurrence feature provides it. */
    interface Source {
        Mono<? extends PrivateRules> current();
    }
}
