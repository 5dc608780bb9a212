package dev.almanac.platform.audit;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * The platform admins' audit ({@link PlatformAdminAudit}) in every service that serves HTTP, when tenancy is multi (only
 * then is there a platform admin) and the service publishes to Kafka, as every service does ({@link EventPublisher}).
 */
@AutoConfiguration(after = AlmanacKafkaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "almanac.identity.tenancy", havingValue = "multi")
@ConditionalOnBean(EventPublisher.class)
public class PlatformAdminAuditAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformAdminAuditAutoConfiguration.class);

    @Bean
    PlatformAdminAudit almanacPlatformAdminAudit(EventPublisher publisher, @Value("${spring.application.name:almanac}") String service,
                                                 @Value("${almanac.audit.platform-admin-timeout:5s}") Duration timeout,
                                                 ObjectProvider<Clock> clock) {
        log.info("Every request of a platform admin is recorded on almanac.audit.v1 before it is answered, or answered 503 (ADR 0102)");
        return new PlatformAdminAudit(publisher, service, timeout, clock.getIfUnique(Clock::systemUTC));
    }
}
