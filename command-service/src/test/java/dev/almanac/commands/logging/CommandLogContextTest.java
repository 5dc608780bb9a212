package dev.almanac.commands.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.platform.logging.LogContext;

class CommandLogContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void clearTheMdc() {
        MDC.clear();
    }

    @Test
    void aCommandsUnitOfWorkLogsWithItsRequestsTraceAndCorrelationIdsUntilItEnds() throws Exception {
        Map<String, String> during = handled(Map.of(CommandMetadata.TRACEPARENT, "00-" + TRACE_ID + "-00f067aa0ba902b7-01",
                CommandMetadata.CORRELATION_ID, "request-42"));

        assertThat(during).containsEntry(LogContext.TRACE_ID, TRACE_ID).containsEntry(LogContext.CORRELATION_ID, "request-42");
        assertThat(MDC.getCopyOfContextMap()).as("the MDC after the unit of work").isNullOrEmpty();
    }

    @Test
    void aCommandWithoutACorrelationIdIsCorrelatedByItsOwnIdAsItsEventsAre() throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("reschedule");

        Map<String, String> during = handled(command);

        assertThat(during).containsEntry(LogContext.CORRELATION_ID, command.getIdentifier()).doesNotContainKey(LogContext.TRACE_ID);
    }

    private static Map<String, String> handled(Map<String, ?> metaData) throws Exception {
        return handled(GenericCommandMessage.asCommandMessage("reschedule").andMetaData(metaData));
    }

    private static Map<String, String> handled(CommandMessage<?> command) throws Exception {
        Map<String, String> during = new HashMap<>();
        DefaultUnitOfWork<CommandMessage<?>> unit = DefaultUnitOfWork.startAndGet(command);
        unit.executeWithResult(() -> new CommandLogContext().handle(unit, () -> {
            during.putAll(MDC.getCopyOfContextMap());
            return null;
        }));
        return during;
    }
}
