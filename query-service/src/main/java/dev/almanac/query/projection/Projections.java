package dev.almanac.query.projection;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.calendar.CalendarProjector;
import dev.almanac.query.conflict.ConflictProjector;
import dev.almanac.query.entry.EntryProjector;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;
import dev.almanac.query.readmodel.ReadModelWriter;
import dev.almanac.query.rule.RuleProjector;

/** Every projector of this service, and the one place where an event becomes a read-model write. */
@Component
public class Projections {

    private final List<Projector> projectors = List.of(
            new CalendarProjector(), new EntryProjector(), new RuleProjector(), new ConflictProjector());
    private final ReadModelWriter writer;

    public Projections(ReadModelWriter writer) {
        this.writer = writer;
    }

    /** Applies the event to its read model, at most once per entity version. */
    public Mono<ProjectionOutcome> apply(ReceivedEvent received) {
        return writeFor(received)
                .map(write -> writer.apply(write).map(changed -> changed ? ProjectionOutcome.APPLIED : ProjectionOutcome.ALREADY_APPLIED))
                .orElseGet(() -> Mono.just(ProjectionOutcome.NOT_PROJECTED));
    }

    /** The write the event implies, if any projector follows its type. */
    public Optional<ReadModelWrite> writeFor(ReceivedEvent received) {
        return projectors.stream().map(projector -> projector.writeFor(received)).flatMap(Optional::stream).findFirst();
    }
}
