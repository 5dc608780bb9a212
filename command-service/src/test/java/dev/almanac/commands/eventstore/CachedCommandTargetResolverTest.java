package dev.almanac.commands.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.almanac.commands.item.RescheduleItem;
import dev.almanac.events.schedule.ItemId;

/** The cached resolver answers every command as Axon's own resolver does, and a creation command without a stack trace. */
class CachedCommandTargetResolverTest {

    private final CachedCommandTargetResolver cached = new CachedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    record OnFields(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {
    }

    static final class OnPrivateFields {
        @TargetAggregateIdentifier
        private final Object id = 42;
        @TargetAggregateVersion
        private final String version = "7";
    }

    record VersionNotANumber(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    record Creation(String id, String title) {
    }

    static Stream<Object> commandsWithATarget() {
        return Stream.of(
                new RescheduleItem(ItemId.of("item-1"), Instant.parse("2026-12-01T09:00:00Z"), "moved", 3L),
                new RescheduleItem(ItemId.of("item-2"), Instant.parse("2026-12-01T09:00:00Z"), null, null),
                new OnFields("calendar-1", 5L),
                new OnFields("calendar-2", null),
                new OnPrivateFields());
    }

    @ParameterizedTest
    @MethodSource("commandsWithATarget")
    void aCommandWithATargetResolvesAsAxonResolvesIt(Object payload) {
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage(payload);

        assertThat(cached.resolveTarget(command)).isEqualTo(axons.resolveTarget(command));
        assertThat(cached.resolveTarget(command)).as("asked again, from the cache").isEqualTo(axons.resolveTarget(command));
        assertThat(cached.knownCommandTypes()).contains(payload.getClass());
    }

    @Test
    void aCreationCommandHasNoTargetAsForAxonButCostsNoStackTrace() {
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage(new Creation("item-1", "Review"));

        Throwable ours = catchThrowable(() -> cached.resolveTarget(command));
        Throwable theirs = catchThrowable(() -> axons.resolveTarget(command));

        assertThat(ours).isInstanceOf(IllegalArgumentException.class).hasMessage(theirs.getMessage());
        assertThat(ours.getStackTrace()).isEmpty();
        assertThat(theirs.getStackTrace()).isNotEmpty();
    }

    @Test
    void aVersionThatIsNotANumberIsRefusedAsByAxon() {
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage(new VersionNotANumber("item-1", "latest"));

        assertThatThrownBy(() -> cached.resolveTarget(command)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(catchThrowable(() -> axons.resolveTarget(command)).getMessage())
                .hasCauseInstanceOf(NumberFormatException.class);
    }
}
