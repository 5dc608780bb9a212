package dev.almanac.commands.logging;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.platform.logging.LogContext;
import dev.almanac.platform.tracing.TraceContexts;

/**
 * Each command is a span of its request's trace, or the first span of a new trace when it came without one (the
 * emergency sweep's, a tool's): its unit of work, the commit included, logs with that span's trace and span ids and the
 * command's correlation id (the one the request named, or else the command's id, as its events carry it). The span's
 * {@code traceparent} replaces the request's in the command's metadata before the handler runs, so the events it stores
 * carry it (EventStoreConfiguration) and the relay writes it into their records' headers: the trace outlives the outbox
 * hop, and every consumer joins it. Axon's Spring Boot configuration puts every {@code MessageHandlerInterceptor} bean
 * on the command bus and on every event processor; the processors' units pass through.
 */
@Component
class CommandTracing implements MessageHandlerInterceptor<Message<?>> {

    private final Tracer tracer;

    @Autowired
    CommandTracing(ObjectProvider<Tracer> tracer) {
        this(tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    CommandTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        if (!(unitOfWork.getMessage() instanceof CommandMessage<?> command)) {
            // A relay batch holds the events of many requests: no one trace is the batch's.
            return interceptorChain.proceed();
        }
        MetaData metaData = command.getMetaData();
        String requested = text(metaData.get(CommandMetadata.TRACEPARENT));
        Span span;
        try (io.opentelemetry.context.Scope parent = TraceContexts.join(requested)) {
            span = tracer.nextSpan().name("command " + command.getCommandName()).start();
        }
        String traceparent = span.isNoop() ? TraceContexts.validOrNull(requested) : TraceContexts.traceparentOf(span.context());
        if (traceparent != null && !traceparent.equals(requested)) {
            ((UnitOfWork<CommandMessage<?>>) unitOfWork).transformMessage(
                    message -> message.andMetaData(Map.of(CommandMetadata.TRACEPARENT, traceparent)));
        }
        String correlationId = text(metaData.get(CommandMetadata.CORRELATION_ID));
        LogContext.Scope ids = LogContext.of(traceparent, correlationId == null ? command.getIdentifier() : correlationId);
        unitOfWork.onRollback(rolledBack -> {
            ExecutionResult result = rolledBack.getExecutionResult();
            if (result != null && result.isExceptionResult()) {
                span.error(result.getExceptionResult());
            }
        });
        unitOfWork.onCleanup(done -> {
            ids.close();
            span.end();
        });
        return interceptorChain.proceed();
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}
