package dev.almanac.rules.horizon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Times horizon-advance passes and exposes how far the most-behind active rule trails the horizon. */
@Component
public class HorizonMetrics {

    public static final String PASS = "almanac.rules.horizon.advance";
    public static final String LAG = "almanac.rules.horizon.lag";

    private final MeterRegistry registry;
    private final Timer passes;
    private final AtomicLong lagMillis = new AtomicLong();

    public HorizonMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.passes = Timer.builder(PASS)
                .description("Duration of one horizon-advance pass over the rules behind the horizon")
                .register(registry);
        Gauge.builder(LAG, lagMillis, millis -> millis.get() / 1000.0)
                .description("now + horizon minus the smallest materialised_until of active rules, as of the last pass; 0 when all are covered")
                .baseUnit("seconds")
                .register(registry);
    }

    Timer.Sample startPass() {
        return Timer.start(registry);
    }

    void stopPass(Timer.Sample sample) {
        sample.stop(passes);
    }

    void lag(Duration lag) {
        lagMillis.set(Math.max(0, lag.toMillis()));
    }

    /** The lag as last measured. */
    public Duration lag() {
        return Duration.ofMillis(lagMillis.get());
    }
}
