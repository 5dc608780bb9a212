package dev.almanac.executor;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.executor.call.HttpCalls;
import dev.almanac.executor.run.LivenessHeartbeat;
import dev.almanac.executor.run.RunReporter;
import dev.almanac.executor.settings.ExecutorSettings;
import dev.almanac.executor.settings.HeartbeatSettings;
import dev.almanac.executor.signing.WebhookSignature;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventPublisher;

/** The executor's parts, from {@link ExecutorSettings}. */
@Configuration(proxyBeanMethods = false)
class ExecutorConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WebhookSignature webhookSignature(ExecutorSettings settings) {
        return new WebhookSignature(settings.signingSecret());
    }

    /** Redirects are not followed: a signed request goes where the rule says, nowhere else. */
    @Bean
    HttpCalls httpCalls(WebhookSignature signature, ExecutorSettings settings, Clock clock) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpCalls(client, signature, AlmanacJson.eventMapper(), settings, clock);
    }

    @Bean
    RunReporter runReporter(EventPublisher publisher, ExecutorSettings settings) {
        return new RunReporter(publisher, settings.name());
    }

    @Bean
    LivenessHeartbeat livenessHeartbeat(RunReporter reporter, HeartbeatSettings settings, Clock clock) {
        return new LivenessHeartbeat(reporter, settings, clock);
    }
}
