package dev.almanac.platform.http;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/** Every service's Netty server answers undecodable requests with problem documents. */
@AutoConfiguration
@ConditionalOnClass(NettyServerCustomizer.class)
public class HttpAutoConfiguration {

    @Bean
    NettyServerCustomizer problemBodies() {
        return ProblemBodies::on;
    }
}
