package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.commands.command.Warned;
import dev.almanac.platform.problem.Violation;

/** A scheduling the capacity guard admitted, with what it warned of (SCH-022, or SCH-023 on a calendar that warns). */
public record Scheduled(List<Violation> warnings) implements Warned {

    public Scheduled {
        warnings = List.copyOf(warnings);
    }
}
