package dev.almanac.conflicts.command;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.platform.kafka.KafkaClientSecurity;

@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

    @Bean
    ConflictCommandGateway conflictCommandGateway(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, KafkaProperties kafka,
                                                  @Value("${almanac.conflicts.command-timeout:PT10S}") Duration timeout,
                                                  @Value("${almanac.conflicts.rescan-timeout:PT60S}") Duration rescanTimeout) {
        return new ConflictCommandGateway(bootstrapServers, KafkaClientSecurity.of(kafka), timeout, rescanTimeout);
    }
}
