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
 * Puts a command's (or a stored event's) trace and correlation ids into the MDC for its whole unit of work, the
 * commit included: the request's {@code traceparent}, and the correlation id it named or else the command's id, as
 * the events it causes carry it (EventStoreConfiguration). Axon's Spring Boot configuration puts every
 * {@code MessageHandlerInterceptor} bean on the command bus and on every event processor.
 */
@Component
class MessageLogContext implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        MetaData metaData = message.getMetaData();
        Object traceparent = metaData.get(CommandMetadata.TRACEPARENT);
        Object correlationId = metaData.get(CommandMetadata.CORRELATION_ID);
        LogContext.Scope ids = LogContext.of(traceparent == null ? null : traceparent.toString(),
                correlationId != null ? correlationId.toString() : message instanceof CommandMessage<?> ? message.getIdentifier() : null);
        unitOfWork.onCleanup(done -> ids.close());
        return interceptorChain.proceed();
    }
}
