package dev.almanac.commands.logging;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.platform.logging.LogContext;

/**
 * Puts a command's trace and correlation ids into the MDC for its whole unit of work, the commit included: the
 * request's {@code traceparent}, and the correlation id it named or else the command's id, as the events it causes
 * carry it (EventStoreConfiguration). Axon's Spring Boot configuration puts every {@code MessageHandlerInterceptor}
 * bean on the command bus and on every event processor; the processors' units pass through.
 */
@Component
class CommandLogContext implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        if (!(unitOfWork.getMessage() instanceof CommandMessage<?> command)) {
            // A relay batch holds the events of many requests: no one pair of ids is the batch's.
            return interceptorChain.proceed();
        }
        MetaData metaData = command.getMetaData();
        Object traceparent = metaData.get(CommandMetadata.TRACEPARENT);
        Object correlationId = metaData.get(CommandMetadata.CORRELATION_ID);
        LogContext.Scope ids = LogContext.of(traceparent == null ? null : traceparent.toString(),
                correlationId == null ? command.getIdentifier() : correlationId.toString());
        unitOfWork.onCleanup(done -> ids.close());
        return interceptorChain.proceed();
    }
}
