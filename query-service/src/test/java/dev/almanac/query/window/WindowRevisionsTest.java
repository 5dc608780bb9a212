package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.almanac.query.window.WindowRevisions.Change;
import dev.almanac.query.window.WindowRevisions.Scope;

class WindowRevisionsTest {

    private static final Scope LOGGED = new Scope("r4", List.of(
            new Change("r1", null),
            new Change("r2", List.of("2026-03-02")),
            new Change("r3", List.of("2026-03-03", "2026-03-04")),
            new Change("r4", List.of("2026-03-04", "2026-12-31"))));

    @Test
    void theDaysChangedSinceARevisionAreThoseLoggedAfterIt() {
        assertThat(LOGGED.daysChangedSince("r2")).contains(days("2026-03-03", "2026-03-04", "2026-12-31"));
        assertThat(LOGGED.daysChangedSince("r1")).as("r1's own days do not count").contains(days("2026-03-02", "2026-03-03",
                "2026-03-04", "2026-12-31"));
        assertThat(LOGGED.daysChangedSince("r4")).as("the current revision").contains(Set.of());
    }

    @Test
    void nothingCanBeSaidOfARevisionNotLoggedOrFollowedByOneWithoutItsDays() {
        assertThat(LOGGED.daysChangedSince("r0")).as("left the log, or never in it").isEmpty();
        assertThat(LOGGED.daysChangedSince(WindowRevisions.NONE)).isEmpty();
        Scope withoutDays = new Scope("r3", List.of(new Change("r1", List.of("2026-03-02")), new Change("r2", null),
                new Change("r3", List.of("2026-03-03"))));
        assertThat(withoutDays.daysChangedSince("r1")).as("a batch with too many days to log came after it").isEmpty();
        assertThat(withoutDays.daysChangedSince("r2")).contains(days("2026-03-03"));
        assertThat(Scope.UNKNOWN.daysChangedSince("r1")).isEmpty();
    }

    private static Set<LocalDate> days(String... days) {
        return Set.copyOf(Arrays.stream(days).map(LocalDate::parse).toList());
    }
}
