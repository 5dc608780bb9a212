package dev.almanac.rules.materialisation;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts the occurrences published, by what started the pass. */
@Component
public class MaterialisationMetrics {

    public static final String MATERIALISED = "almanac.rules.occurrences.materialised";

    private final Map<Trigger, Counter> materialised = new EnumMap<>(Trigger.class);

    public MaterialisationMetrics(MeterRegistry registry) {
        for (Trigger trigger : Trigger.values()) {
            materialised.put(trigger, Counter.builder(MATERIALISED)
                    .description("OccurrenceMaterialized events published and acknowledged")
                    .tag("trigger", trigger.tag())
                    .register(registry));
        }
    }

    void published(Trigger trigger, int occurrences) {
        materialised.get(trigger).increment(occurrences);
    }
}
