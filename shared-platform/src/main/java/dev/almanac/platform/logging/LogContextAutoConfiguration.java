package dev.almanac.platform.logging;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;

/**
 * Every Kafka listener container logs with the ids of the records it handles ({@link KafkaLogContext}). Set on each
 * container factory after Spring Boot configured it, as the platform's other listener settings are: Boot would take
 * an interceptor bean only if it were the one of its exact generic type.
 */
@AutoConfiguration
@ConditionalOnClass(AbstractKafkaListenerContainerFactory.class)
public class LogContextAutoConfiguration {

    @Bean
    static BeanPostProcessor almanacListenersLogRecordIds() {
        KafkaLogContext logContext = new KafkaLogContext();
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractKafkaListenerContainerFactory factory) {
                    factory.setRecordInterceptor(logContext);
                    factory.setBatchInterceptor(logContext);
                }
                return bean;
            }
        };
    }
}
